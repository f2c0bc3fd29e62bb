# $1: directory, $2: marker name. Writes stdin to the marker (a new file only).
cd -- "$1" || exit 41
set -C
cat > "$2"
