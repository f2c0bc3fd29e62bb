# $1: a previous version left beside a target (its old name). Says, changing nothing, whether this user can remove it
# as remove-tree.sh would (rm -rf, then u+rwx for the directories inside it that lack it, which only their owner can
# give). Status 4 and one line on stderr saying what stops it: the directory it is in is not writable here; that
# directory is sticky and neither it nor the version is this user's; a directory inside it with entries is another
# user's and not open to this user; or, for root (whom modes do not stop), something in it refuses writes (immutable,
# or on a read-only file system). Status 0 otherwise, and wherever it cannot tell (a directory it may not read, a file
# made immutable under another user): the removal tried later says then.
LC_ALL=C
export LC_ALL
old=$1
case $old in -*) old=./$old ;; esac
parent=$(dirname -- "$old")
stuck() {
  printf '%s' "$*" | tr '\n' '?' >&2
  printf '\n' >&2
  exit 4
}
# The first entry find's expression matches, a newline in its name kept off the one line.
first() {
  find "$old" "$@" -print0 -quit 2>/dev/null | tr '\n\000' '? '
}
if [ ! -w "$parent" ] || [ ! -x "$parent" ]; then stuck "$parent is not writable by this user"; fi
uid=$(id -u) || exit 0
if [ "$uid" -eq 0 ]; then
  found=$(first ! -type l ! -writable)
  if [ -n "$found" ]; then stuck "${found% } refuses writes even from root: immutable, or on a read-only file system"; fi
  exit 0
fi
if [ -k "$parent" ] && [ ! -O "$parent" ] && [ -z "$(find "$old" -prune -user "$uid" -print 2>/dev/null)" ]; then
  stuck "$parent is sticky, and neither it nor $old is this user's"
fi
if [ -d "$old" ] && [ ! -L "$old" ]; then
  found=$(first -type d ! -user "$uid" ! -empty ! \( -readable -writable -executable \))
  if [ -n "$found" ]; then stuck "${found% } is another user's, with entries this user may not remove"; fi
fi
exit 0
