# shellcheck shell=bash
# Shared helpers for the scripts in this directory. Source it, do not run it:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Defines REPO_ROOT, puts rustup's cargo on PATH, and the `step` / `die` helpers.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export REPO_ROOT

# rustup installs into ~/.cargo/bin; a fresh non-login shell (CI) may not have it on PATH.
if ! command -v cargo >/dev/null 2>&1 && [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/cargo" ]; then
    PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
    export PATH
fi

die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

warn() {
    printf 'warning: %s\n' "$*" >&2
}

# step NAME COMMAND [ARGS...]: print a header, run the command, print its duration.
# A failing command stops the calling script (set -e) after reporting which step failed.
step() {
    local name="$1" start rc=0
    shift
    printf '\n==> %s\n' "$name" >&2
    start=$SECONDS
    "$@" || rc=$?
    if [ "$rc" -ne 0 ]; then
        printf '<== %s: FAILED (exit %d) after %ds\n' "$name" "$rc" "$((SECONDS - start))" >&2
        return "$rc"
    fi
    printf '<== %s: ok (%ds)\n' "$name" "$((SECONDS - start))" >&2
}

# start_display N: makes X display :N available (a private Xvfb at 1280x800 unless one already
# answers there), exports DISPLAY, and stops that Xvfb when the calling script exits.
start_display() {
    DISPLAY=":$1"
    export DISPLAY
    XVFB_PID=""
    if ! xdpyinfo -display "$DISPLAY" >/dev/null 2>&1; then
        Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
        XVFB_PID=$!
        for _ in $(seq 50); do xdpyinfo -display "$DISPLAY" >/dev/null 2>&1 && break; sleep 0.1; done
    fi
    trap '[ -z "$XVFB_PID" ] || kill "$XVFB_PID" 2>/dev/null || true' EXIT
}
