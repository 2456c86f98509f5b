//go:build tools

// Keeps the kube-apiserver command in the module graph so that `go mod tidy` records its deps.
package tools

import _ "k8s.io/kubernetes/cmd/kube-apiserver"
