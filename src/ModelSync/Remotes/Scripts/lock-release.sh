# $1: lock directory, $2: token. Removes the lock only if it is still ours.
if grep -qxF -- "token=$2" "$1/holder" 2>/dev/null; then rm -rf -- "$1"; fi
exit 0
