# $1: the ranges' records directory, $2: stage, $3: d (a directory stage) or f (the stage is the file); then per
# file four arguments: its record's name, its path in the stage, its number of ranges, its mtime (ISO 8601, UTC).
# Each part file, all its ranges done, gets its time and is renamed to its name in the stage (a rename: whatever
# was there is replaced, never written into). Then the records go, with any an earlier run left.
root=$1 stage=$2 kind=$3
shift 3
if [ -L "$root" ]; then echo "$root: a symlink where model-sync keeps its ranges" >&2; exit 42; fi
while [ $# -ge 4 ]; do
  r=$root/$1 path=$2 count=$3 mtime=$4
  shift 4
  done=$(find "$r" -type f -name 'done.*' | wc -l)
  if [ "$done" -ne "$count" ]; then echo "$r: $done of $count ranges arrived" >&2; exit 45; fi
  touch -m -d "$mtime" -- "$r/part" || exit 1
  if [ "$kind" = d ]; then
    dest=$stage/$path
    case $path in */*) mkdir -p -- "$stage/${path%/*}" || exit 1 ;; esac
  else
    dest=$stage
  fi
  mv -T -f -- "$r/part" "$dest" || exit 1
done
rm -rf -- "$root"
