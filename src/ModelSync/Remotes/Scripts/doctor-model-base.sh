# $1: model_base (absolute). The doctor's marker, then state=, [ancestor=,] writable=, [error=,] free= (KiB).
printf '%s\n' model-sync-doctor
p=$1
if [ -d "$p" ]; then
  echo state=directory
elif [ -e "$p" ] || [ -L "$p" ]; then
  echo state=not-a-directory
else
  echo state=missing
  while [ ! -e "$p" ]; do p=$(dirname -- "$p"); done
  printf 'ancestor=%s\n' "$p"
fi
if [ -d "$p" ]; then
  if t=$(mktemp -p "$p" .model-sync-doctor.XXXXXX 2>&1); then
    if rm -f -- "$t"; then echo writable=yes; else echo writable=leftover; fi
  else
    echo writable=no
    printf 'error=%s\n' "$(printf '%s\n' "$t" | head -n 1)"
  fi
fi
df -P -k -- "$p" 2>/dev/null | awk 'NR==2 { print "free=" $4 }'
