#!/usr/bin/env bash
# Rewrites the help blocks of docs/commands.md from the built CLI's own --help output, so the documented options are
# what the tool accepts: the first ```text block of the file (before any "## " heading) gets `model-sync --help`, and
# the first ```text block under each "## <command>" heading that names a command gets `model-sync <command> --help`.
# Everything else in the file is left as it is. Rerun it after changing a command's options or description.
# The CLI is the Release dll (built first when missing), or the binary named by $MODEL_SYNC_BINARY.
# tests/ModelSync.IntegrationTests/DocsHelpTests.cs fails when a block differs from the real --help.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
doc="$root/docs/commands.md"
dll="$root/src/ModelSync.Cli/bin/Release/net10.0/model-sync.dll"

if [ -n "${MODEL_SYNC_BINARY:-}" ]; then
    cli=("$MODEL_SYNC_BINARY")
else
    [ -f "$dll" ] || dotnet build "$root/src/ModelSync.Cli" -c Release -nologo -v q >&2
    cli=(dotnet "$dll")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The help as a user sees it through a pipe (the printed name model-sync, whatever launched it; no config read),
# without the blank line it ends with.
help() {
    MODEL_SYNC_INVOKED_AS=model-sync MODEL_SYNC_CONFIG=/nonexistent HOME="$work" NO_COLOR=1 "${cli[@]}" "$@" --help |
        sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

help >"$work/.root"
# The commands the root help lists: two-space indented words under "Commands:".
sed -n '/^Commands:/,$p' "$work/.root" | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' >"$work/.commands"
while read -r name; do help "$name" >"$work/$name"; done <"$work/.commands"

# Replaces a block's lines with the file named for its section; a section without one keeps its block.
awk -v dir="$work" '
    function emit(file,   line) { while ((getline line < file) > 0) print line; close(file) }
    /^## / { section = substr($0, 4); done = 0 }
    /^```text$/ && !inblock && !done {
        file = dir "/" (section == "" ? ".root" : section)
        if ((getline probe < file) > 0) {
            close(file); print; emit(file); inblock = 1; skipping = 1; done = 1; next
        }
        close(file)
    }
    inblock && /^```$/ { inblock = 0; skipping = 0; print; next }
    skipping { next }
    { print }
' "$doc" >"$work/.doc"
cp "$work/.doc" "$doc"
echo "docs-help.sh: $(wc -l <"$work/.commands") command blocks and the root block rewritten in docs/commands.md" >&2
