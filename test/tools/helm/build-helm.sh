#!/usr/bin/env bash
# Builds helm from the official helm.sh/helm/v3 module (the version go.mod pins) into
# .cache/helm/helm-<version>/helm, reusing the binary already there. Nothing prebuilt is
# downloaded; the cache is git-ignored. Prints the binary's path on its last line.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cache="${DRIFTBACK_HELM_CACHE:-$root/.cache/helm}"
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly CGO_ENABLED=0

module_version() { # <required module path>
  awk -v m="$1" '$1 == m || ($1 == "require" && $2 == m) { print ($1 == "require") ? $3 : $2; exit }' "$here/go.mod"
}

helm_version="$(module_version helm.sh/helm/v3)"
target="$cache/helm-$helm_version/helm"
mkdir -p "$cache"
exec 9>"$cache/.build.lock"
flock 9

if [ ! -x "$target" ]; then
  echo "building helm $helm_version from helm.sh/helm/v3 (first run: a few minutes)" >&2
  mkdir -p "$(dirname "$target")"
  # As helm's Makefile does: the Kubernetes version helm lints and templates against by default
  # follows the client-go it is built with (v0.36 -> 1.36).
  client_go="$(module_version k8s.io/client-go)"
  kube_minor="${client_go#v0.}"; kube_minor="${kube_minor%%.*}"
  ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$helm_version -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    ldflags="$ldflags -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$kube_minor"
  done
  tmp="$target.partial.$$"
  trap 'rm -f "$tmp"' EXIT
  (cd "$here" && go build -trimpath -ldflags "$ldflags" -o "$tmp" helm.sh/helm/v3/cmd/helm)
  mv "$tmp" "$target"
  trap - EXIT
fi
echo "$target"
