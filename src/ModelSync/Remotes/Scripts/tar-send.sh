# $1: directory, $2: file for a single-file model (sent as the file a link names); NUL-terminated ./names on stdin.
cd -- "$1" || exit 41
# GNU tar's options below: another tar (busybox's) is as good as none, 127 (a new model's send then falls back to rsync).
case $(tar --version 2>/dev/null) in
  *"GNU tar"*) ;;
  *) echo "GNU tar is needed here: tar is missing, or another one" >&2; exit 127 ;;
esac
if [ "$2" = file ]; then set -- --dereference; else set --; fi
exec tar -c -f - --format=posix --pax-option=delete=atime,delete=ctime --null --verbatim-files-from --no-recursion --hard-dereference "$@" -T -
