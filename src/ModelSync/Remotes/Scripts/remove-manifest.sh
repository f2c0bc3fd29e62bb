# $1: model directory, $2: the manifest's file name. Removes the manifest, keeping the directory's mtime and its mode:
# one without u+w (a stage seeded from a model published read-only) has it only for the removal.
ref=$(mktemp) || exit 1
trap 'rm -f "$ref"' EXIT
touch -r "$1" -- "$ref" || exit 1
w=
if [ ! -w "$1" ]; then chmod u+w -- "$1" || exit 1; w=1; fi
rm -f -- "$1/$2"
ok=$?
if [ -n "$w" ]; then chmod u-w -- "$1" || ok=1; fi
touch -r "$ref" -- "$1"
exit "$ok"
