# $1: a previous version left beside a target (its old name). Says, changing nothing, whether this user can remove it
# as remove-tree.sh would (rm -rf, then u+rwx for the directories inside it that lack it, which only their owner can
# give). Status 4 and one line on stderr saying what stops it: the directory it is in is not writable here; that
# directory is sticky and neither it nor the version is this user's; a directory inside it with entries is another
# user's and not open to this user; or, for root (whom modes do not stop), something in it refuses writes (immutable or
# append-only, or on a read-only file system). Status 0 otherwise, and wherever it cannot tell (a directory it may not read, a file
# made immutable under another user, a file made immutable where lsattr is missing): the removal tried later says then.
LC_ALL=C
export LC_ALL
old=$1
case $old in -*) old=./$old ;; esac
# Not dirname's: a command substitution would drop a newline the parent's name ends with.
case $old in
  */*) parent=${old%/*} ;;
  *) parent=. ;;
esac
[ -n "$parent" ] || parent=/
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
  # A file goes with a write to its directory, whatever its own mode (root in a user namespace, or squashed on NFS,
  # may not write another's file yet unlink it); only the immutable and append-only flags stop that, as lsattr shows
  # (of a file, or of a directory, whose entries append-only keeps). A name with a newline would split lsattr's line:
  # such a one it cannot tell.
  found=$(first -type d ! -writable)
  if [ -z "$found" ] && command -v lsattr >/dev/null 2>&1; then
    found=$(find "$old" \( -type f -o -type d \) ! -name '*
*' -exec lsattr -d -- {} + 2>/dev/null | awk '$1 ~ /^[-A-Za-z]+$/ && $1 ~ /[ia]/ { sub(/^[^ ]+ /, ""); print; exit }')
  fi
  if [ -n "$found" ]; then stuck "${found% } refuses writes even from root: immutable or append-only (chattr -i -a first), or on a read-only file system"; fi
  exit 0
fi
if [ -k "$parent" ] && [ ! -O "$parent" ] && [ -z "$(find "$old" -prune -user "$uid" -print 2>/dev/null)" ]; then
  stuck "$parent is sticky, and neither it nor $old is this user's"
fi
if [ -d "$old" ] && [ ! -L "$old" ]; then
  # One it may not read may be empty, which rm removes all the same: that it cannot tell.
  found=$(first -type d ! -user "$uid" -readable ! -empty ! \( -writable -executable \))
  if [ -n "$found" ]; then stuck "${found% } is another user's, with entries this user may not remove"; fi
fi
exit 0
