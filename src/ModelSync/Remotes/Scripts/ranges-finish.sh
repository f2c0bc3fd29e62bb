# $1: the ranges' records directory, $2: stage, $3: d (a directory stage) or f (the stage is the file), $4: retry when
# an earlier try of this call may have run, else first. On stdin, a line each (however many: a command line would cap
# them at 128 KiB), first per file "f RECORD RANGES MTIME MODE PATH": its record's name, its number of ranges, its
# mtime (ISO 8601, UTC), its mode as chmod takes it (- : as made), its path in the stage; then per directory
# "d MODE MTIME PATH": its path in the stage (empty: the stage), its mode, its mtime; then "e", the end. A path is in
# printf %b's escapes (\0NNN for every byte but printable ASCII other than \ and '), so no name can end a line or be
# read as an option.
# Each part file, all its ranges done, gets its mode and time and is renamed to its name in the stage (a rename:
# whatever was there is replaced, never written into). Then the records go, with any an earlier run left. Then each
# directory, in the order given (the caller's: deepest first), is made when missing and gets its mode and time, after
# every write into it, as rsync -rlpt leaves it. On a retry, a file whose part file is gone was moved by the earlier
# try (the records go only once every file moved): it is passed over; the stage's check after says whether it is in
# place. A retry whose stage is gone does nothing: the earlier try may have published it, and a directory made again
# would be a stage that was never sent.
# A stage seeded from a model published read-only has directories without u+w: the nearest one there of the
# directory a part goes into gets it (the rsync that finishes such a stage gives each its mode back).
open_dir() {
  a=$1
  while [ ! -e "$a" ] && [ ! -L "$a" ] && [ "$a" != "$stage" ]; do a=${a%/*}; done
  if [ -d "$a" ] && [ ! -L "$a" ] && [ ! -w "$a" ]; then chmod u+w -- "$a" || return 1; fi
}
# Sets path to its line's rest, unescaped: a command substitution (a fork) only for a name that needs it.
unescape() {
  path=$1
  case $path in *\\*) path=$(printf '%bx' "$path") && path=${path%x} || return 1 ;; esac
}
files_placed() {
  if [ -z "$placed" ]; then rm -rf -- "$root" || exit 1; placed=yes; fi
}
root=$1 stage=$2 kind=$3 try=$4 placed='' ended=''
if [ "$try" = retry ] && [ ! -e "$stage" ] && [ ! -L "$stage" ]; then exit 0; fi
if [ -L "$root" ]; then echo "$root: a symlink where model-sync keeps its ranges" >&2; exit 42; fi
while IFS= read -r line; do
  case $line in
    'f '*)
      rest=${line#f } r=$root/${rest%% *}; rest=${rest#* } count=${rest%% *}; rest=${rest#* } mtime=${rest%% *}
      rest=${rest#* } mode=${rest%% *}; unescape "${rest#* }" || exit 1
      if [ "$try" = retry ] && [ ! -e "$r/part" ] && [ ! -L "$r/part" ]; then continue; fi
      done=$(find "$r" -type f -name 'done.*' | wc -l)
      if [ "$done" -ne "$count" ]; then echo "$r: $done of $count ranges arrived" >&2; exit 45; fi
      if [ "$mode" != - ]; then chmod -- "$mode" "$r/part" || exit 1; fi
      touch -m -d "$mtime" -- "$r/part" || exit 1
      if [ "$kind" = d ]; then
        dest=$stage/$path
        open_dir "${dest%/*}" || exit 1
        case $path in */*) [ -d "$stage/${path%/*}" ] || mkdir -p -- "$stage/${path%/*}" || exit 1 ;; esac
      else
        dest=$stage
      fi
      mv -T -f -- "$r/part" "$dest" || exit 1
      ;;
    'd '*)
      files_placed
      rest=${line#d } mode=${rest%% *}; rest=${rest#* } mtime=${rest%% *}; unescape "${rest#* }" || exit 1
      if [ -n "$path" ]; then d=$stage/$path; else d=$stage; fi
      if [ -L "$d" ]; then echo "$d: a symlink where the model has a directory" >&2; exit 42; fi
      # A process fewer for each directory already there (most: the files went into them).
      { { [ -d "$d" ] || mkdir -p -- "$d"; } && chmod -- "$mode" "$d" && touch -m -d "$mtime" -- "$d"; } || exit 1
      ;;
    e) ended=yes ;;
    *) echo "ranges-finish.sh: a line it cannot read" >&2; exit 1 ;;
  esac
done
# A list cut short (the client gone while sending it) keeps the records of the files it did not name: a rerun finds
# their ranges done.
if [ -z "$ended" ]; then echo "ranges-finish.sh: its list ended early" >&2; exit 1; fi
files_placed
