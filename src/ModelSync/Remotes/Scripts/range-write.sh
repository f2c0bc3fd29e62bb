# $1: a file's range record (a directory), $2: first MiB block, $3: bytes expected, $4: last when the range ends the file.
# Writes stdin at that offset into the record's part file, which only ever is a fresh file of its own (never one
# with another link, never through a symlink), and marks the range done (done.BLOCK) once all its bytes arrived.
export LC_ALL=C
r=$1 p=$1/part
if [ -L "${r%/*}" ] || [ -L "$r" ] || [ -L "$p" ]; then echo "$r: a symlink where model-sync keeps its ranges; not writing through it" >&2; exit 42; fi
# A stage seeded from a model published read-only has no u+w for the records: it gets it (the rsync that finishes
# such a stage gives it its mode back). A single file's records are beside its stage, in model_base, left as it is.
s=${r%/*/*}
case $s in
  */.model-sync-stage.*) if [ -d "$s" ] && [ ! -L "$s" ] && [ ! -w "$s" ]; then chmod u+w -- "$s" || exit 1; fi ;;
esac
mkdir -p -- "$r" && rm -f -- "$r/done.$2" || exit 1
if [ -e "$p" ] && [ -z "$(find "$p" -prune -type f -links 1)" ]; then
  echo "$p: not a file of its own (it has other links); not writing into it" >&2; exit 43
fi
# obs: dd gathers the pipe's short reads into whole MiB blocks, so "N+M records out" counts what arrived. The
# last range truncates the part at its offset (a rerun's longer leftover goes), so the size proves its tail.
if [ "$4" = last ]; then
  out=$(dd of="$p" ibs=65536 obs=1048576 seek="$2" 2>&1) || { printf '%s\n' "$out" >&2; exit 1; }
else
  out=$(dd of="$p" ibs=65536 obs=1048576 seek="$2" conv=notrunc 2>&1) || { printf '%s\n' "$out" >&2; exit 1; }
fi
got=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\)+\([0-9]*\) records out$/\1 \2/p')
want="$(($3 / 1048576)) $(($3 % 1048576 > 0))"
if [ "$got" != "$want" ]; then echo "$p: the range at block $2 ended early ($got of $want blocks)" >&2; exit 44; fi
if [ "$4" = last ]; then
  if [ -z "$(find "$p" -prune -size "$(($2 * 1048576 + $3))c")" ]; then echo "$p: the last range ended early" >&2; exit 44; fi
fi
: > "$r/done.$2"
