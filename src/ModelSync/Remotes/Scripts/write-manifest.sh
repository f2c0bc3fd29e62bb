# $1: model directory, $2: the manifest's file name; the manifest on stdin. Keeps the directory's mtime, and its
# mode: one without u+w (a model published read-only) has it only while the manifest is written.
ref=$(mktemp) || exit 1
trap 'rm -f "$ref"' EXIT
touch -r "$1" -- "$ref" || exit 1
w=
if [ ! -w "$1" ]; then chmod u+w -- "$1" || exit 1; w=1; fi
m="$1/$2"
rm -f -- "$m.tmp" && (set -C; cat > "$m.tmp") && mv -T -f -- "$m.tmp" "$m"
ok=$?
if [ -n "$w" ]; then chmod u-w -- "$1" || ok=1; fi
touch -r "$ref" -- "$1"
exit "$ok"
