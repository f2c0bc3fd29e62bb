# $1: target, $2: its old name (where a publish puts the previous version aside); then, unless the caller holds the
# target's lock, $3: the lock and $4: the holder description, to take it with for the removal only.
# Removes the previous version that a finished publish could not remove. Only while the target is in place: between
# a publish's two renames the old name holds the only copy of the model, and then nothing is touched. Prints one
# word: gone (nothing there), removed, publishing (the target is not in place) or busy (someone else holds the lock,
# nothing touched); status 4 and, on stderr, one line saying why (as rm said it) when it cannot go. Ignores hang-ups:
# once the lock is taken it is given back, and only while it is still this holder's: a removal that outlived its
# caller may find its lock broken as stale and taken by a push. Needs ms_remove_tree (remove-tree.sh, which the loader
# puts before it).
# shellcheck disable=SC2154 # ms_why is set by ms_remove_tree, whose text the loader puts before this file
trap '' HUP INT TERM PIPE
t=$1 old=$2 lock=
there() { [ -e "$1" ] || [ -L "$1" ]; }
give_back() {
  if [ -n "$lock" ] && printf '%s' "$holder" | cmp -s -- - "$lock/holder" 2>/dev/null; then rm -rf -- "$lock"; fi
}
done_with() {
  give_back
  echo "$1"
  exit 0
}
if ! there "$old"; then done_with gone; fi
if [ $# -ge 4 ]; then
  # mkdir is atomic and never follows a link at the lock's name: of two takers one wins, and no lock is ever shared.
  if ! mkdir -- "$3" 2>/dev/null; then done_with busy; fi
  holder=$4
  if ! printf '%s' "$holder" > "$3/holder"; then rm -rf -- "$3"; done_with busy; fi
  lock=$3
  if ! there "$old"; then done_with gone; fi
fi
if ! there "$t"; then done_with publishing; fi
if ms_remove_tree "$old" 2>/dev/null; then done_with removed; fi
give_back
printf '%s\n' "$ms_why" >&2
exit 4
