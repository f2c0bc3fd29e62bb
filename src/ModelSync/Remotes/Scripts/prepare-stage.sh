# $1: target, $2: stage, $3: seed name, $4: seed, basis, dir or file, $5: d or f, the kind the stage must be.
# basis: $6 is the version to seed from; for a directory, stdin holds the NUL-terminated, ./-prefixed files to link;
# $7 replace: the stage there is the empty one this run made under its lock, and goes (keep: a stage of the kind stays).
mkdir -p -- "$(dirname -- "$2")" || exit 1
if [ "$4" = basis ] && [ "$7" = replace ]; then rm -rf -- "$2" || exit 1; fi
if [ -L "$2" ]; then rm -f -- "$2" || exit 1; fi
if [ -e "$2" ]; then
  if { [ "$5" = d ] && [ -d "$2" ]; } || { [ "$5" = f ] && [ -f "$2" ]; }; then exit 0; fi
  rm -rf -- "$2" || exit 1
fi
rm -rf -- "$3" || exit 1
case $4 in
  seed)
    if [ -L "$1" ]; then
      if [ "$5" != f ]; then mkdir -- "$2"; fi
    else
      cp -al -- "$1" "$3" && mv -T -- "$3" "$2"
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
    (cd -- "$6" && xargs -0 -r cp -al --parents -t "$3" -- 2>/dev/null)
    mv -T -- "$3" "$2"
    ;;
  dir) mkdir -- "$2" ;;
esac
