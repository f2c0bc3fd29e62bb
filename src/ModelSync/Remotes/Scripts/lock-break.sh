# $1: lock directory. Breaks a stale lock: one rename, so two breakers cannot both succeed. A lock whose finish turns out
# to be running here after all (it recorded itself between the caller's look and the rename: finishing.sh) is put back.
# Needs ms_remove_tree (remove-tree.sh) and ms_finisher (finishing.sh), which the loader puts before it.
b="$1.broken.$$"
if mv -T -- "$1" "$b" 2>/dev/null; then
  case $(ms_finisher "$b") in
    live*)
      mv -T -n -- "$b" "$1" 2>/dev/null
      if [ -e "$b" ]; then echo "$b: a lock whose finish is still running, left here: another run took $1 meanwhile" >&2; exit 1; fi
      exit 0
      ;;
  esac
  ms_remove_tree "$b" "the stale lock, broken," || exit 1
fi
exit 0
