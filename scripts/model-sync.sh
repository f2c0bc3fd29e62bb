#!/usr/bin/env bash
# Runs model-sync from this checkout. The first call builds it into a cache directory — Native AOT (a native
# binary: starts in milliseconds, no JIT) when a C toolchain (gcc or clang) is there to link it, else ReadyToRun
# on the shared .NET runtime — and later calls reuse that build until a source file changes. All arguments go
# to model-sync. When it builds, MODEL_SYNC_BUILD=readytorun forces the ReadyToRun build.
# MODEL_SYNC_PRINT_BINARY=1 builds if needed and prints the binary's path instead of running it (scripts/test.sh
# and bench/ use it to test and time the build users run). The binary gets this script's path as typed in
# MODEL_SYNC_INVOKED_AS, so the commands it prints (To sync, To retry, fixes) start with it and run as printed.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cache="${MODEL_SYNC_BUILD_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/model-sync/build}"

case "$(uname -m)" in
    x86_64) rid=linux-x64 ;;
    aarch64 | arm64) rid=linux-arm64 ;;
    *) rid= ;;
esac

# The build is keyed by the content of every source and build file, so an edit triggers a rebuild
# and a checkout that did not change reuses what is there.
key="$(cd "$root" && find src Directory.Build.props Directory.Packages.props global.json -type f \
    ! -path '*/bin/*' ! -path '*/obj/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
bin="$cache/$key/model-sync"

if [ ! -x "$bin" ]; then
    if ! command -v dotnet >/dev/null 2>&1; then
        echo "error: model-sync needs the .NET 10 SDK to build — install it (dotnet on PATH), then run this again" >&2
        exit 2
    fi
    mkdir -p "$cache"
    exec 9>"$cache/.lock"
    # Two first calls at once build once; the second says why it is silent while it waits (a build takes a while).
    if ! flock -n 9; then
        holder="$(cat "$cache/.lock.pid" 2>/dev/null || true)"
        echo "model-sync: waiting for another build of model-sync to finish${holder:+ (pid $holder)}..." >&2
        flock 9
    fi
    echo "$$" >"$cache/.lock.pid"
    if [ ! -x "$bin" ]; then
        echo "model-sync: building (first use, or the sources changed)..." >&2
        tmp="$(mktemp -d "$cache/.build.XXXXXX")"
        publish=(dotnet publish "$root/src/ModelSync.Cli" -c Release -o "$tmp" -nologo)
        built=
        if [ -n "$rid" ] && [ "${MODEL_SYNC_BUILD:-}" != readytorun ] && { command -v clang || command -v gcc; } >/dev/null 2>&1; then
            # The debug symbols (model-sync.dbg, ~16 MB) are not shipped: stack traces name methods without them.
            if "${publish[@]}" -r "$rid" -p:PublishAot=true -p:StripSymbols=true >"$tmp.log" 2>&1; then
                rm -f "$tmp"/*.dbg "$tmp"/*.pdb
                built=aot
            else
                echo "model-sync: the Native AOT build failed (see $tmp.aot.log); building ReadyToRun instead" >&2
                mv "$tmp.log" "$tmp.aot.log"
                rm -rf "${tmp:?}"/*
            fi
        fi
        if [ -z "$built" ]; then
            [ -n "$rid" ] && publish+=(-r "$rid" --self-contained false -p:PublishReadyToRun=true)
            if ! "${publish[@]}" >"$tmp.log" 2>&1; then
                echo "error: building model-sync failed — see $tmp.log" >&2
                exit 2
            fi
        fi
        rm -rf "${cache:?}/$key"
        mv "$tmp" "$cache/$key"
        rm -f "$tmp.log"
        # Old builds may still be running elsewhere: only those untouched for a day go.
        find "$cache" -mindepth 1 -maxdepth 1 -type d -name '????????????????' ! -name "$key" -mtime +1 -exec rm -rf {} +
    fi
    exec 9>&-
fi

if [ "${MODEL_SYNC_PRINT_BINARY:-}" = 1 ]; then
    printf '%s\n' "$bin"
    exit 0
fi
MODEL_SYNC_INVOKED_AS="$0" exec "$bin" "$@"
