# $1: lock directory, $2: holder description, $3: the stage's resume record. acquired, or held AGE_SECONDS and
# the holder's description. The new holder supersedes a resume record (and on a full disk its space is needed).
mkdir -p -- "$(dirname -- "$1")" || exit 1
if [ -L "$1" ] || { [ -e "$1" ] && [ ! -d "$1" ]; }; then rm -f -- "$1" || exit 1; fi
if mkdir -- "$1" 2>/dev/null; then
  rm -f -- "$3"
  if ! printf '%s' "$2" > "$1/holder.tmp" || ! mv -f -- "$1/holder.tmp" "$1/holder"; then
    rm -rf -- "$1"
    exit 1
  fi
  echo acquired
elif [ -L "$1" ] || [ ! -d "$1" ]; then
  mkdir -- "$1"
  exit 1
else
  now=$(date +%s)
  since=$(stat -c %Y -- "$1" 2>/dev/null) || since=$now
  echo "held $((now - since))"
  cat -- "$1/holder" 2>/dev/null
fi
