#!/usr/bin/env bash
# Usage: scripts/build-cli.sh [--prefetch] terraform|tofu VERSION
#
# Builds one pinned Terraform or OpenTofu CLI from the Go module proxy and links it to
# .tools/<name>-<version>/<name>, the path the GNUmakefile and .ci/run use. Neither project
# publishes a module that `go install` builds for every version we test, so each has its recipe
# below.
#
# The binary is kept in a per-user cache outside the clone (AUTHPOLICY_CLI_CACHE, by default
# ${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-authpolicy), so a fresh clone on a machine
# that built it before links it in seconds instead of spending minutes on the build. The build
# happens in a temporary folder and only a finished binary is moved into the cache: an
# interrupted or failed build leaves nothing behind that a later run would trust.
#
# --prefetch only downloads what a build needs into Go's module cache, and builds nothing. CI
# runs it in the background while it vets and lints: on a machine with empty caches the downloads
# take minutes of waiting on the network that would otherwise come on top of the compile.
set -euo pipefail

prefetch=""
if [ "${1:-}" = --prefetch ]; then prefetch=1; shift; fi

name=${1:?usage: $0 terraform|tofu VERSION}
version=${2:?usage: $0 terraform|tofu VERSION}
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${AUTHPOLICY_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-authpolicy}/$name-$version
link=$root/.tools/$name-$version/$name

# A go.work of the user's would pull the CLI's module into their workspace.
export GOWORK=off

case $name in
  terraform) module=github.com/hashicorp/terraform ;;
  tofu) module=github.com/opentofu/opentofu ;;
  *) echo "$0: unknown CLI $name (want terraform or tofu)" >&2; exit 2 ;;
esac

# Downloads the module (once per machine, into Go's module cache) and prints its folder.
download() {
  local dir
  dir=$(go mod download -json "$module@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$dir" ] || { echo "$0: go mod download $module@v$version gave no Dir" >&2; exit 1; }
  echo "$dir"
}

# Copies the module to $work/src: the module cache is read-only, and the Terraform recipe edits
# files.
copy_source() {
  cp -R "$1" "$work/src"
  chmod -R u+w "$work/src"
}

# Newer Terraform releases (1.16.4 among them) keep nine remote-state backends (and
# internal/legacy, which only they use) in nested modules that go.mod pulls in with
# `replace … => ./…`. `go install …@version` refuses a module with replace directives, and the
# module zip on the proxy leaves nested modules out, so a build inside the download can't find
# them. The provider tests only use local state, so we drop those backends: their imports and
# map entries in internal/backend/init/init.go (the only file that imports them) and their
# require/replace lines in go.mod.
strip_terraform_backends() {
  local init=$work/src/internal/backend/init/init.go b alias
  for b in azure consul cos gcs kubernetes oci oss pg s3; do
    alias=$(sed -n "s|^[[:space:]]*\([A-Za-z0-9_]*\) \"$module/internal/backend/remote-state/$b\"\$|\1|p" "$init")
    # Fail loudly if a new release moved things: a silent half-edit would only fail later, in go build.
    [ -n "$alias" ] || { echo "$0: no import of remote-state/$b in $init; update this recipe" >&2; exit 1; }
    sed -i -e "\|\"$module/internal/backend/remote-state/$b\"\$|d" -e "/[[:space:]]$alias\.New(/d" "$init"
    (cd "$work/src" && go mod edit -droprequire "$module/internal/backend/remote-state/$b" \
      -dropreplace "$module/internal/backend/remote-state/$b")
  done
  (cd "$work/src" && go mod edit -droprequire "$module/internal/legacy" -dropreplace "$module/internal/legacy")
}

build() {
  local dir ldflags
  dir=$(download)
  if [ -n "$prefetch" ]; then
    copy_source "$dir"
    if [ "$name" = terraform ] && grep -q '^replace' "$dir/go.mod"; then strip_terraform_backends; fi
    (cd "$work/src" && go mod download)
    return
  fi
  mkdir -p "$work/bin"
  # Both projects mark a build as a "-dev" prerelease unless told otherwise, as their release
  # scripts do; plugin-testing's version checks compare prereleases as older than the release.
  # -trimpath keeps the temporary folder's name out of the binary and out of Go's build cache
  # keys, so a rebuild reuses the compiled packages.
  ldflags="-X $module/version.dev=no"
  export GOFLAGS="${GOFLAGS:+$GOFLAGS }-trimpath"
  case $name in
    terraform)
      # Without replace directives (1.8.5) the plain `go install` builds it.
      if ! grep -q '^replace' "$dir/go.mod"; then
        GOBIN="$work/bin" go install -ldflags "$ldflags" "$module@v$version"
        return
      fi
      copy_source "$dir"
      strip_terraform_backends
      (cd "$work/src" && go build -ldflags "$ldflags" -o "$work/bin/terraform" .)
      ;;
    tofu)
      # OpenTofu's one replace points at a module the proxy serves, but it still stops
      # `go install …@version`; a build inside the module works.
      copy_source "$dir"
      (cd "$work/src" && go build -ldflags "$ldflags" -o "$work/bin/tofu" ./cmd/tofu)
      ;;
  esac
}

if [ -n "$prefetch" ]; then
  if [ ! -x "$cache/$name" ]; then
    start=$SECONDS
    work=$(mktemp -d)
    trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
    build
    echo "Downloaded what $name $version needs in $((SECONDS - start))s."
  fi
  exit 0
fi

if [ ! -x "$cache/$name" ]; then
  echo "Building $name $version from $module@v$version (a few minutes; cached in $cache)..."
  start=$SECONDS
  mkdir -p "$(dirname "$cache")"
  work=$(mktemp -d "$(dirname "$cache")/.build-$name-$version.XXXXXX")
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
  build
  "$work/bin/$name" version >/dev/null 2>&1 # a binary that doesn't run isn't cached either
  mkdir -p "$work/out"
  mv "$work/bin/$name" "$work/out/$name"
  # Another build of the same version may have finished first; either result is good.
  mv -T "$work/out" "$cache" 2>/dev/null || [ -x "$cache/$name" ]
  echo "Built $name $version in $((SECONDS - start))s."
fi

mkdir -p "$(dirname "$link")"
ln -sfn "$cache/$name" "$link"
# Prints the version line, which may come after warnings about the CLI configuration. awk reads
# to the end: a reader that stopped early would fail this script with the CLI's SIGPIPE.
"$link" version 2>/dev/null | awk '/^[A-Za-z]+ v[0-9]/ && !n++'
