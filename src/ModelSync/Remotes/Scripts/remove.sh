# $1: path to remove, file or tree.
rm -rf -- "$1"
