# $1: model directory, $2: the manifest's name; the manifest on stdin. Keeps the directory's mtime, and its mode:
# one without u+w (a model published read-only) has it only while the manifest is written. Needs ms_while_writable
# (while-writable.sh, which the loader puts before it).
m="$1/$2"
write() { rm -f -- "$m.tmp" && (set -C; cat > "$m.tmp") && mv -T -f -- "$m.tmp" "$m"; }
ms_while_writable "$1" write
