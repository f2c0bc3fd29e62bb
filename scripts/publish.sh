#!/usr/bin/env bash
# Builds model-sync as one self-contained native file (Native AOT) to copy to a machine without the .NET SDK: put it
# on that machine's PATH as model-sync (e.g. ~/.local/bin/model-sync). Builds for this machine's architecture, or
# for the runtime identifier given as $1 (linux-x64, linux-arm64; another architecture needs its cross linker),
# into ${OUT:-dist/<rid>}, and prints the binary's path last. Needs the .NET 10 SDK and gcc or clang here.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
case "${1:-$(uname -m)}" in
    x86_64 | linux-x64) rid=linux-x64 ;;
    aarch64 | arm64 | linux-arm64) rid=linux-arm64 ;;
    *) echo "error: no Native AOT build for '${1:-$(uname -m)}' — give linux-x64 or linux-arm64" >&2; exit 2 ;;
esac
out="${OUT:-$root/dist/$rid}"

command -v dotnet >/dev/null 2>&1 || { echo "error: building needs the .NET 10 SDK (dotnet on PATH)" >&2; exit 2; }
{ command -v clang || command -v gcc; } >/dev/null 2>&1 || { echo "error: Native AOT links with gcc or clang: install one" >&2; exit 2; }

echo "model-sync: building a Native AOT binary for $rid..." >&2
# The debug symbols (model-sync.dbg) stay behind: the one file to copy is the binary.
dotnet publish "$root/src/ModelSync.Cli" -c Release -r "$rid" -p:PublishAot=true -p:StripSymbols=true -o "$out" -nologo >&2
rm -f "$out"/*.dbg "$out"/*.pdb
echo "built: copy $out/model-sync to the other machine's PATH (e.g. ~/.local/bin/model-sync)" >&2
printf '%s\n' "$out/model-sync"
