# $1: lock directory. Breaks a stale lock: one rename, so two breakers cannot both succeed.
b="$1.broken.$$"
if mv -T -- "$1" "$b" 2>/dev/null; then rm -rf -- "$b"; fi
exit 0
