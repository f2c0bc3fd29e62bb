# $1: target, $2: its old name (where a publish puts the previous version aside); then, unless the caller holds the
# target's lock, $3: the lock and $4: the holder description (its token= line names it), to take it with for the
# removal only, as lock-acquire.sh and lock-release.sh take and give back a lock for no stage: no resume record is touched.
# Removes the previous version that a finished publish could not remove. Only while the target is in place: between
# a publish's two renames the old name holds the only copy of the model, and then nothing is touched. Prints one
# word: gone (nothing there), removed, publishing (the target is not in place) or busy (someone else holds the lock,
# nothing touched); status 4 and, on stderr, one line saying why (as rm said it) when it cannot go. Ignores hang-ups:
# once the lock is taken it is given back, and only while it is still this holder's: a removal that outlived its
# caller may find its lock broken as stale and taken by a push. Needs ms_remove_tree (remove-tree.sh), ms_lock_acquire
# and ms_lock_release (the texts of those scripts), which the loader puts before it.
# shellcheck disable=SC2154 # ms_why is set by ms_remove_tree, ms_lock_acquire and ms_lock_release are assigned, by the text the loader puts before this file
trap '' HUP INT TERM PIPE
t=$1 old=$2 lock=
there() { [ -e "$1" ] || [ -L "$1" ]; }
give_back() {
  if [ -n "$lock" ]; then sh -c "$ms_lock_release" lock-release "$lock" "$token" "" "" 2>/dev/null; fi
}
done_with() {
  give_back
  echo "$1"
  exit 0
}
if ! there "$old"; then done_with gone; fi
if [ $# -ge 4 ]; then
  token=$(printf '%s\n' "$4" | sed -n 's/^token=//p')
  if [ "$(sh -c "$ms_lock_acquire" lock-acquire "$3" "$4" "" 2>/dev/null)" != acquired ]; then done_with busy; fi
  lock=$3
  if ! there "$old"; then done_with gone; fi
fi
if ! there "$t"; then done_with publishing; fi
if ms_remove_tree "$old" 2>/dev/null; then done_with removed; fi
give_back
printf '%s\n' "$ms_why" >&2
exit 4
