# "$@": a program and its arguments, each in printf %b's escapes; execs them with the bytes they spell.
n=$#
while [ "$n" -gt 0 ]; do
  v=$(printf '%bx' "$1"); v=${v%x}
  shift
  set -- "$@" "$v"
  n=$((n - 1))
done
exec "$@"
