# $1: directory; removes the NUL-terminated, ./-prefixed entries on stdin below it, trees included.
cd -- "$1" || exit 41
xargs -0 -r rm -rf --
