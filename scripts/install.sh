#!/usr/bin/env bash
# Puts model-sync on PATH: builds it as scripts/model-sync.sh does (the same build cache, so a built checkout installs
# in a second) and links ${PREFIX:-~/.local/bin}/model-sync to that wrapper, so the installed command follows this
# checkout (an edit rebuilds on the next call). Says where it went and whether that directory is on PATH.
# For a machine without the .NET SDK, scripts/publish.sh builds one self-contained binary to copy there.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
prefix="${PREFIX:-$HOME/.local/bin}"
target="$prefix/model-sync"

# A file that is not our link is someone else's: never overwrite it.
if [ -e "$target" ] && [ ! -L "$target" ]; then
    echo "error: $target exists and is not a link — remove it, or set PREFIX to another directory" >&2
    exit 2
fi

MODEL_SYNC_PRINT_BINARY=1 "$root/scripts/model-sync.sh" >/dev/null
mkdir -p "$prefix"
ln -sfn "$root/scripts/model-sync.sh" "$target"
echo "installed: $target -> $root/scripts/model-sync.sh"
case ":$PATH:" in
    *":$prefix:"* | *":$prefix/:"*) echo "$prefix is on PATH: run model-sync --help" ;;
    *) echo "$prefix is not on PATH: add it (e.g. export PATH=\"$prefix:\$PATH\" in ~/.bashrc), then run model-sync --help" ;;
esac
