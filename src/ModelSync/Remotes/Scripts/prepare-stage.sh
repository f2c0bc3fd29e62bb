# $1: target, $2: stage, $3: seed name, $4: seed, basis, dir or file, $5: d or f, the kind the stage must be.
# basis: $6 is the version to seed from; for a directory, stdin holds the NUL-terminated, ./-prefixed files to link;
# $7 replace: the stage there is the empty one this run made under its lock, and goes (keep: a stage of the kind stays).
# GNU cp -al hard-links symlinks too, and rsync -t sets a link's own mtime in place (lutimes): a link the stage shared
# with the live or the basis version would change that published version. $1: a seeded directory, where the links
# with another name elsewhere become copies of their own, a directory at a time (copied under a name of ours inside
# the seed, renamed over them), each directory's mtime and a mode without u+w put back as the seed had them.
# Needs ms_remove_tree (remove-tree.sh, which the loader puts before it): a stale stage or seed of a model published
# read-only has directories without u+w.
own_links() {
  (
    cd -- "$1" || exit 1
    rm -rf ./.model-sync-links.* || exit 1
    [ -n "$(find . -type l -links +1 -print -quit)" ] || exit 0
    s=$(mktemp) || exit 1
    trap 'rm -f -- "$s"' EXIT
    touch -r . -- "$s" || exit 1
    w=
    if [ ! -w . ]; then chmod u+w . || exit 1; w=1; fi
    t=$(mktemp -d "$PWD/.model-sync-links.XXXXXX") || exit 1
    # shellcheck disable=SC2016 # the inner script's own variables
    find . -path './.model-sync-links.*' -prune -o -type l -links +1 -printf '%h\0' | LC_ALL=C sort -zu | xargs -0 -r -n 1 sh -c '
      t=$0
      case $1 in .) d=$PWD ;; *) d=$PWD/${1#./} ;; esac
      touch -r "$d" -- "$t/d" || exit 255
      w=
      if [ ! -w "$d" ]; then chmod u+w -- "$d" || exit 255; w=1; fi
      mkdir -- "$t/c" && find "$d/" -mindepth 1 -maxdepth 1 -type l -links +1 -exec cp -a --no-preserve=links -t "$t/c" -- {} + \
        && (cd -- "$t/c" && find . -mindepth 1 -maxdepth 1 -exec mv -f -t "$d" -- {} +) && rmdir -- "$t/c" || exit 255
      if [ -n "$w" ]; then chmod u-w -- "$d" || exit 255; fi
      touch -m -r "$t/d" -- "$d" || exit 255' "$t" || exit 1
    rm -rf -- "$t" || exit 1
    # The pipeline's status is xargs's alone: what find or sort missed would still be shared.
    [ -z "$(find . -type l -links +1 -print -quit)" ] || exit 1
    if [ -n "$w" ]; then chmod u-w . || exit 1; fi
    touch -m -r "$s" -- .
  )
}
mkdir -p -- "$(dirname -- "$2")" || exit 1
if [ "$4" = basis ] && [ "$7" = replace ]; then ms_remove_tree "$2" "a staging area" || exit 1; fi
if [ -L "$2" ]; then rm -f -- "$2" || exit 1; fi
if [ -e "$2" ]; then
  # A stage an earlier run left is kept; one seeded before its links were made its own gets them now.
  if [ "$5" = d ] && [ -d "$2" ]; then own_links "$2"; exit; fi
  if [ "$5" = f ] && [ -f "$2" ]; then exit 0; fi
  ms_remove_tree "$2" "a staging area of an earlier run" || exit 1
fi
ms_remove_tree "$3" "a seed of an earlier run" || exit 1
case $4 in
  seed)
    if [ -L "$1" ]; then
      if [ "$5" != f ]; then mkdir -- "$2"; fi
    else
      # A file that cannot be linked (another user's, under protected_hardlinks) is left out and sent whole, as in
      # basis mode: cp -al goes on past it, and what it made is the seed. Only a seed it could not even begin fails.
      cp -al -- "$1" "$3" 2>/dev/null
      if [ -d "$3" ]; then own_links "$3" || exit 1; fi
      if [ -e "$3" ] || [ -L "$3" ]; then mv -T -- "$3" "$2" || exit 1
      elif [ "$5" != f ]; then mkdir -- "$2" || exit 1
      fi
    fi
    ;;
  basis)
    # A basis that is a link, or not of the model's kind, seeds nothing: the stage starts as it would without one.
    if [ -L "$6" ] || { [ "$5" = d ] && [ ! -d "$6" ]; } || { [ "$5" = f ] && [ ! -f "$6" ]; }; then
      if [ "$5" = d ]; then mkdir -- "$2"; fi
      exit 0
    fi
    if [ "$5" = f ]; then
      if cp -al -- "$6" "$3" 2>/dev/null; then mv -T -- "$3" "$2"; fi
      exit 0
    fi
    mkdir -- "$3" || exit 1
    # Only the files named are linked, so nothing the new version lacks is ever in its stage. One that cannot be
    # linked (another user's file under protected_hardlinks, say) is left out and sent whole.
    (cd -- "$6" && xargs -0 -r cp -al --parents --no-preserve=mode -t "$3" -- 2>/dev/null)
    # Only files are named, but one the basis turned into a link since it was scanned is linked as the link.
    own_links "$3" || exit 1
    mv -T -- "$3" "$2"
    ;;
  dir) mkdir -- "$2" ;;
esac
