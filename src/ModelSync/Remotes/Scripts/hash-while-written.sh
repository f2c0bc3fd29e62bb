# $1: hash function; then the final paths of the files to follow. For each file rsync writes, a NUL-terminated
# record: final path, hash, inode. Needs hash-tools.sh before it, GNU tail (--pid) and fractional sleep.
fn=$1
shift
if ! { tail -c 0 -s 0.05 --pid=$$ /dev/null && sleep 0.01; } 2>/dev/null; then exit 0; fi
tool=$(ms_hash_tool "$fn")
# A temporary file older than a minute before this script is a leftover of an earlier, interrupted run.
recent=$(mktemp) || exit 0
trap 'rm -f "$recent"' EXIT
touch -d "@$(($(date +%s) - 60))" -- "$recent" || exit 0
exec 4<&0
cat <&4 >/dev/null 4<&- &
stopper=$!
exec 4<&-
# newer FILE: FILE was modified after $recent (test's -nt is not POSIX); ./ keeps a relative name from reading as an option.
newer() {
  case $1 in /*) n=$1 ;; *) n=./$1 ;; esac
  [ -n "$(find "$n" -prune -newer "$recent")" ]
}
follow() {
  d=${1%/*}
  b=${1##*/}
  # rsync names the temporary file .NAME.XXXXXX, without doubling a leading dot.
  case $b in .*) p=$d/$b ;; *) p=$d/.$b ;; esac
  while kill -0 "$stopper" 2>/dev/null; do
    for t in "$p".??????; do
      if [ ! -f "$t" ] || ! newer "$t"; then continue; fi
      {
        id=$(stat -L -c %d:%i /dev/fd/3) || exit 0
        h=$(tail -c +1 -s 0.05 --pid="$stopper" -f /dev/fd/3 | ms_hash_run "$tool") || exit 0
        while kill -0 "$stopper" 2>/dev/null; do sleep 0.05; done
        [ "$(stat -c %d:%i -- "$1" 2>/dev/null)" = "$id" ] || exit 0
        printf '%s\0%s\0%s\0' "$1" "${h%% *}" "${id#*:}"
        exit 0
      } 2>/dev/null 3<"$t"
    done
    sleep 0.05
  done
}
for f; do
  follow "$f" </dev/null &
done
wait
