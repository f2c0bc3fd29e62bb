# $1: model directory, $2: the manifest's file name; the manifest on stdin. Keeps the directory's mtime.
ref=$(mktemp) || exit 1
trap 'rm -f "$ref"' EXIT
touch -r "$1" -- "$ref" || exit 1
m="$1/$2"
rm -f -- "$m.tmp" || exit 1
(set -C; cat > "$m.tmp") || exit 1
mv -T -f -- "$m.tmp" "$m" || exit 1
touch -r "$ref" -- "$1"
