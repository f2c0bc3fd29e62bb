# $1: path to remove, file or tree (one left is named on stderr, status 1). Needs ms_remove_tree (remove-tree.sh,
# which the loader puts before it).
ms_remove_tree "$1"
