# shellcheck shell=bash disable=SC2034
# Shared settings for hack/env/{up,down,check}. Sourced, not executed.

SDF_ENV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SDF_ROOT="$(git -C "$SDF_ENV_DIR" rev-parse --show-toplevel 2>/dev/null || (cd "$SDF_ENV_DIR/../.." && pwd))"
SDF_STATE="${SDF_STATE:-$SDF_ROOT/.cache/env}"

SDF_BIN="$SDF_STATE/bin"
SDF_SOCK="$SDF_STATE/buildkitd.sock"
SDF_BUILDKIT_HOST="unix://$SDF_SOCK"
SDF_REGISTRY="127.0.0.1:5000"
SDF_BUILDER="safe-dockerfile"

# Pinned tool versions.
SDF_BUILDKIT_VERSION="v0.34.2"
SDF_BUILDX_VERSION="v0.38.2"
SDF_DISTRIBUTION_VERSION="v3.1.2"

SDF_DOCKER_CONFIG="${DOCKER_CONFIG:-${HOME:-/root}/.docker}"

log() { printf '[env] %s\n' "$*" >&2; }
die() { printf '[env] ERROR: %s\n' "$*" >&2; exit 1; }

# pid_alive NAME -> prints the pid if $SDF_STATE/NAME.pid names a live process
# whose executable is our $SDF_BIN/NAME (guards against recycled pids).
pid_alive() {
  local name="$1" pidfile="$SDF_STATE/$1.pid" pid exe
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
  exe="${exe% (deleted)}"
  [[ "$exe" == "$SDF_BIN/$name" ]] || return 1
  printf '%s\n' "$pid"
}
