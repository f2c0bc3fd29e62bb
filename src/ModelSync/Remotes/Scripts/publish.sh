# $1: stage, $2: target, $3: name for the old target. Ignores hang-ups: a dropped connection cannot stop it
# between its two renames. Needs ms_remove_tree (remove-tree.sh, which the loader puts before it). The renames keep
# every mode the stage has (a model published read-only stays so); an old version that cannot be removed is named in
# one line and fails the publish: before the swap nothing is published, after it the new version is in place.
trap '' HUP INT TERM PIPE
s=$1 t=$2 old=$3
if [ -L "$s" ]; then
  rm -f -- "$s"
  echo "the staging area $s was a symlink model-sync did not make; removed it, nothing was published" >&2; exit 1
fi
if [ ! -e "$s" ] && [ ! -L "$s" ]; then
  if [ -e "$t" ] || [ -L "$t" ]; then ms_remove_tree "$old" "$t is published; its previous version" || exit 1; exit 0; fi
  echo "nothing to publish: $s is missing" >&2; exit 1
fi
mkdir -p -- "$(dirname -- "$t")" || exit 1
# Ranges of a run that rsync finished instead are no part of the model. A stage without u+w (a model published
# read-only) has it for that removal only, then its mode and mtime back as the model has them.
drop_ranges() {
  r=$s/.model-sync-ranges
  if [ ! -d "$s" ] || { [ ! -e "$r" ] && [ ! -L "$r" ]; }; then return 0; fi
  if [ -w "$s" ]; then ms_remove_tree "$r" "a part of the staging area"; return; fi
  ref=$(mktemp) || return 1
  if ! touch -r "$s" -- "$ref" || ! chmod u+w -- "$s"; then rm -f -- "$ref"; return 1; fi
  ms_remove_tree "$r" "a part of the staging area"
  gone=$?
  chmod u-w -- "$s" && touch -m -r "$ref" -- "$s"
  back=$?
  rm -f -- "$ref"
  [ "$gone" -eq 0 ] && [ "$back" -eq 0 ]
}
drop_ranges || exit 1
if [ ! -d "$s" ] && { [ ! -d "$t" ] || [ -L "$t" ]; }; then exec mv -T -f -- "$s" "$t"; fi
if [ -e "$t" ] || [ -L "$t" ]; then
  ms_remove_tree "$old" "a version of $t an earlier publish replaced" || exit 1
  mv -T -- "$t" "$old" || exit 1
  if ! mv -T -- "$s" "$t"; then mv -T -- "$old" "$t"; exit 1; fi
  ms_remove_tree "$old" "$t is published; its previous version" || exit 1
else
  mv -T -- "$s" "$t"
fi
