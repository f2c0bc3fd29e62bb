# $1: path, $2: the manifest's file name, $3: the most bytes of it to read, $4: find's -printf format.
# missing, or [link and the target,] ok, the manifest and find's records: NUL-separated.
if [ ! -e "$1" ] && [ ! -L "$1" ]; then printf 'missing\0'; exit 0; fi
if [ -L "$1" ]; then printf 'link\0'; readlink -n -- "$1"; printf '\0'; fi
printf 'ok\0'
if [ -d "$1" ] && [ -f "$1/$2" ]; then head -c "$3" -- "$1/$2" | tr -d '\000'; fi
printf '\0'
exec find -H "$1" -printf "$4"
