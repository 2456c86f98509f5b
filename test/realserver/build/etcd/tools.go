//go:build tools

// Keeps etcd's main package in the module graph so that `go mod tidy` records its deps.
package tools

import _ "go.etcd.io/etcd/server/v3"
