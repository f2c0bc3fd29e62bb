# $1: stage, $2: target, $3: name for the old target. Ignores hang-ups: a dropped connection cannot stop it
# between its two renames. Needs ms_remove_tree (remove-tree.sh) and ms_while_writable (while-writable.sh), which the
# loader puts before it. The renames keep every mode the stage has (a model published read-only stays so). An old
# version that cannot be removed before the swap is named in one line and fails the publish (nothing is published);
# after the swap the new version is in place whatever becomes of the old one: one that cannot go leaves status 4 and,
# on stderr, one line saying why (as rm said it).
# shellcheck disable=SC2154 # ms_why is set by ms_remove_tree, whose text the loader puts before this file
trap '' HUP INT TERM PIPE
s=$1 t=$2 old=$3
if [ -L "$s" ]; then
  rm -f -- "$s"
  echo "the staging area $s was a symlink model-sync did not make; removed it, nothing was published" >&2; exit 1
fi
drop_old() {
  if ms_remove_tree "$old" 2>/dev/null; then exit 0; fi
  printf '%s\n' "$ms_why" >&2
  exit 4
}
if [ ! -e "$s" ] && [ ! -L "$s" ]; then
  if [ -e "$t" ] || [ -L "$t" ]; then drop_old; fi
  echo "nothing to publish: $s is missing" >&2; exit 1
fi
mkdir -p -- "$(dirname -- "$t")" || exit 1
# Ranges of a run that rsync finished instead are no part of the model. A stage without u+w (a model published
# read-only) has it for that removal only, then its mode and mtime back as the model has them.
drop_ranges() {
  r=$s/.model-sync-ranges
  if [ ! -d "$s" ] || { [ ! -e "$r" ] && [ ! -L "$r" ]; }; then return 0; fi
  ms_while_writable "$s" ms_remove_tree "$r" "a part of the staging area"
}
drop_ranges || exit 1
if [ ! -d "$s" ] && { [ ! -d "$t" ] || [ -L "$t" ]; }; then exec mv -T -f -- "$s" "$t"; fi
if [ -e "$t" ] || [ -L "$t" ]; then
  ms_remove_tree "$old" "a version of $t an earlier publish replaced" || exit 1
  mv -T -- "$t" "$old" || exit 1
  if ! mv -T -- "$s" "$t"; then mv -T -- "$old" "$t"; exit 1; fi
  drop_old
else
  mv -T -- "$s" "$t"
fi
