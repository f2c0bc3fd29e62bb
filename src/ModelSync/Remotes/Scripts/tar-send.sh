# $1: directory, $2: file for a single-file model (sent as the file a link names); NUL-terminated ./names on stdin.
cd -- "$1" || exit 41
# ms_require_gnu_tar: from gnu-tar.sh, which the loader puts before this file.
ms_require_gnu_tar
if [ "$2" = file ]; then set -- --dereference; else set --; fi
exec tar -c -f - --format=posix --pax-option=delete=atime,delete=ctime --null --verbatim-files-from --no-recursion --hard-dereference "$@" -T -
