# $1: stage, $2: d (unpack stdin's tar stream into the stage directory) or f (the stream holds the one file ./$3).
if [ "$2" = d ]; then
  { mkdir -p -- "$1" && cd -- "$1"; } || exit 41
  exec tar -x -f - -p --no-same-owner --delay-directory-restore
fi
t=$(mktemp -d "$(dirname -- "$1")/.model-sync-recv.XXXXXX") || exit 1
trap 'rm -rf -- "$t"' EXIT
(cd -- "$t" && tar -x -f - -p --no-same-owner) || exit 1
mv -T -f -- "$t/$3" "$1"
