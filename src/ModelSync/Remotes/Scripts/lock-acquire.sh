# $1: lock directory, $2: holder description, $3: the stage's resume record. acquired, or held AGE_SECONDS and
# the holder's description. The new holder supersedes a resume record (and on a full disk its space is needed). An
# empty $3 takes the lock for no stage (a removal beside a model in place): no resume record is touched.
mkdir -p -- "$(dirname -- "$1")" || exit 1
if [ -L "$1" ] || { [ -e "$1" ] && [ ! -d "$1" ]; }; then rm -f -- "$1" || exit 1; fi
taken() {
  if [ -n "$3" ]; then rm -f -- "$3"; fi
  if ! printf '%s' "$2" > "$1/holder.tmp" || ! mv -f -- "$1/holder.tmp" "$1/holder"; then
    rm -rf -- "$1"
    exit 1
  fi
  echo acquired
  exit 0
}
if mkdir -- "$1" 2>/dev/null; then taken "$@"; fi
if [ -L "$1" ] || [ ! -d "$1" ]; then
  # Not made, and no lock there: its holder let it go in between (this try takes it), or mkdir says what is wrong.
  if mkdir -- "$1"; then taken "$@"; fi
  exit 1
fi
now=$(date +%s)
since=$(stat -c %Y -- "$1" 2>/dev/null) || since=$now
echo "held $((now - since))"
cat -- "$1/holder" 2>/dev/null
