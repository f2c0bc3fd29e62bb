# $1: lock directory, $2: token, $3: the stage, $4: the stage's resume record. Removes the lock only if it is still
# ours. A stage still there (the command stopped before publishing) keeps the holder as its resume record. Empty $3
# and $4: a lock taken for no stage (lock-acquire.sh with no record), and no resume record is touched. Needs
# ms_remove_tree (remove-tree.sh, which the loader puts before it).
if grep -qxF -- "token=$2" "$1/holder" 2>/dev/null; then
  if [ -z "$4" ]; then :
  elif [ -e "$3" ]; then mv -f -- "$1/holder" "$4" 2>/dev/null; else rm -f -- "$4"; fi
  ms_remove_tree "$1" "the released lock" || exit 1
fi
exit 0
