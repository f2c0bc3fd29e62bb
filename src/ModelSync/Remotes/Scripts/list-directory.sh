# $1: directory, $2: find's -printf format. Its entries, not below them, as find records; nothing when it is missing.
if [ ! -d "$1" ]; then exit 0; fi
exec find -H "$1" -mindepth 1 -maxdepth 1 -printf "$2"
