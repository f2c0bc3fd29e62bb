# $1: target, $2: stage, $3: seed name, $4: seed, dir or file, $5: d or f, the kind the stage must be.
mkdir -p -- "$(dirname -- "$2")" || exit 1
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
  dir) mkdir -- "$2" ;;
esac
