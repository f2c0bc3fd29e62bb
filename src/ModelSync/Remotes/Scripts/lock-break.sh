# $1: lock directory. Breaks a stale lock: one rename, so two breakers cannot both succeed. Needs ms_remove_tree
# (remove-tree.sh, which the loader puts before it).
b="$1.broken.$$"
if mv -T -- "$1" "$b" 2>/dev/null; then ms_remove_tree "$b" "the stale lock, broken," || exit 1; fi
exit 0
