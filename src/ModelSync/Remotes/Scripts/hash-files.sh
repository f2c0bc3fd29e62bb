# $1: directory, $2: files per batch, $3: hash function, $4: lines or each; NUL-terminated ./names on stdin.
# Prints the tool on a first line, then one NUL-terminated record per file. Needs hash-tools.sh and
# ms_hash_batch (the text of hash-batch.sh), which the loader puts before it.
cd -- "$1" || exit 41
tool=$(ms_hash_tool "$3")
command -v "$tool" >/dev/null 2>&1 || { echo "$tool: not found" >&2; exit 43; }
w=$(nproc 2>/dev/null) || w=2
[ "$w" -gt 4 ] && w=4
t=$(mktemp -d) || exit 42
trap 'rm -rf "$t"' EXIT
# shellcheck disable=SC2154 # ms_hash_batch is assigned by the text the loader puts before this file
xargs -0 -r -P "$w" -n "$2" sh -c "$ms_hash_batch" hash-batch "$t" "$tool" "$4"
st=$?
printf '%s\n' "$tool"
for f in "$t"/*; do [ -f "$f" ] && cat "$f"; done
exit $st
