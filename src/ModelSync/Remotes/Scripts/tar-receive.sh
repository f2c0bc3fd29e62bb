# $1: stage, $2: d (unpack stdin's tar stream into the stage directory) or f (the stream holds the one file ./$3);
# $4 (d): how many bytes of NUL-terminated ./directories come on stdin ahead of the tar stream, made first: the tars
# of parallel streams unpacking into one stage race to make the same directories, and GNU tar gives up on a file
# ("Cannot open: No such file or directory") when another process made its directory between its open and its mkdir.
# ms_require_gnu_tar: from gnu-tar.sh, which the loader puts before this file.
ms_require_gnu_tar
if [ "$2" = d ]; then
  { mkdir -p -- "$1" && cd -- "$1"; } || exit 41
  if [ "${4:-0}" -gt 0 ]; then
    # All of the list or nothing: a list cut short (the client gone) would make a directory of half a name.
    l=$(mktemp) || exit 1
    head -c "$4" > "$l" && [ "$(($(wc -c < "$l")))" -eq "$4" ] && xargs -0 mkdir -p -- < "$l"; st=$?
    rm -f -- "$l"
    [ "$st" -eq 0 ] || exit 1
  fi
  exec tar -x -f - -p --no-same-owner --delay-directory-restore
fi
t=$(mktemp -d "$(dirname -- "$1")/.model-sync-recv.XXXXXX") || exit 1
trap 'rm -rf -- "$t"' EXIT
(cd -- "$t" && tar -x -f - -p --no-same-owner) || exit 1
mv -T -f -- "$t/$3" "$1"
