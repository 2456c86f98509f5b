#!/usr/bin/env bash
# Builds kube-apiserver and etcd from their official Go modules into .cache/realserver/<name>-<version>/,
# reusing binaries already there. Nothing prebuilt is downloaded; the cache is git-ignored.
# Prints the directory holding both binaries on its last line.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cache="${DRIFTBACK_REALSERVER_CACHE:-$root/.cache/realserver}"
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly CGO_ENABLED=0

module_version() { # <module dir> <required module path>
  awk -v m="$2" '$1 == m || ($1 == "require" && $2 == m) { print ($1 == "require") ? $3 : $2; exit }' "$here/$1/go.mod"
}

kube_version="$(module_version apiserver k8s.io/kubernetes)"
etcd_version="$(module_version etcd go.etcd.io/etcd/server/v3)"
out="$cache/kube-apiserver-$kube_version-etcd-$etcd_version"
mkdir -p "$cache"
exec 9>"$cache/.build.lock"
flock 9

build() { # <module dir> <package> <binary name> [ldflags]
  local target="$out/$3"
  [ -x "$target" ] && return 0
  echo "building $3 from $2 (first run: several minutes)" >&2
  mkdir -p "$out"
  local tmp="$target.partial.$$"
  trap 'rm -f "$tmp"' EXIT
  (cd "$here/$1" && go build -trimpath -ldflags "-s -w ${4:-}" -o "$tmp" "$2")
  mv "$tmp" "$target"
  trap - EXIT
}

minor="${kube_version#v1.}"; minor="${minor%%.*}"
version_pkg=k8s.io/component-base/version
build etcd go.etcd.io/etcd/server/v3 etcd
build apiserver k8s.io/kubernetes/cmd/kube-apiserver kube-apiserver \
  "-X $version_pkg.gitVersion=$kube_version -X $version_pkg.gitMajor=1 -X $version_pkg.gitMinor=$minor -X $version_pkg.gitTreeState=clean"
echo "$out"
