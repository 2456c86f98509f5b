//go:build tools

// Keeps helm's main package in the module graph so that `go mod tidy` records its deps.
package tools

import _ "helm.sh/helm/v3/cmd/helm"
