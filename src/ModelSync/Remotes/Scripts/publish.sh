# $1: stage, $2: target, $3: name for the old target. Ignores hang-ups: a dropped connection cannot stop it
# between its two renames.
trap '' HUP INT TERM PIPE
s=$1 t=$2 old=$3
if [ -L "$s" ]; then
  rm -f -- "$s"
  echo "the staging area $s was a symlink model-sync did not make; removed it, nothing was published" >&2; exit 1
fi
if [ ! -e "$s" ] && [ ! -L "$s" ]; then
  if [ -e "$t" ] || [ -L "$t" ]; then rm -rf -- "$old"; exit 0; fi
  echo "nothing to publish: $s is missing" >&2; exit 1
fi
mkdir -p -- "$(dirname -- "$t")" || exit 1
# Ranges of a run that rsync finished instead are no part of the model.
if [ -d "$s" ]; then rm -rf -- "$s/.model-sync-ranges" || exit 1; fi
if [ ! -d "$s" ] && { [ ! -d "$t" ] || [ -L "$t" ]; }; then exec mv -T -f -- "$s" "$t"; fi
if [ -e "$t" ] || [ -L "$t" ]; then
  rm -rf -- "$old"
  mv -T -- "$t" "$old" || exit 1
  if ! mv -T -- "$s" "$t"; then mv -T -- "$old" "$t"; exit 1; fi
  rm -rf -- "$old"
else
  mv -T -- "$s" "$t"
fi
