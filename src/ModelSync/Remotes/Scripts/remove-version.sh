# $1: a version, $2: its stage, $3: its old name (a publish's), $4: the hidden name it is removed under.
# Prints removed, gone, or publishing (a stage beside it, or an old name without the version: a push is under way or
# was stopped between its two renames, and nothing is touched). An old name beside the version in place is a previous
# version a finished publish left (the caller's to remove): no hindrance.
# The version is renamed to the hidden name first, so a reader sees all of it or nothing, then removed. A version
# that is a symlink loses only the link, never what it points to. Hang-ups are ignored: once begun, it finishes.
# A version whose directories lack u+w (published read-only) goes too; what cannot go is named in one line, status 1.
# Needs ms_remove_tree (remove-tree.sh, which the loader puts before it).
trap '' HUP INT TERM PIPE
v=$1 stage=$2 old=$3 hidden=$4
if [ -e "$stage" ] || [ -L "$stage" ]; then echo publishing; exit 0; fi
if { [ -e "$old" ] || [ -L "$old" ]; } && [ ! -e "$v" ] && [ ! -L "$v" ]; then echo publishing; exit 0; fi
if [ -L "$v" ]; then rm -f -- "$v" || exit 1; echo removed; exit 0; fi
if [ ! -e "$v" ]; then echo gone; exit 0; fi
ms_remove_tree "$hidden" "what an earlier removal of $v left" || exit 1
mv -T -- "$v" "$hidden" || exit 1
ms_remove_tree "$hidden" "$v is no longer published, but what it held" || exit 1
echo removed
