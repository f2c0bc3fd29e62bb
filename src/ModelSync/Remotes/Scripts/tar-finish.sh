# $1: stage; $2: retry when an earlier try of this call may have run, else first; $3: finish-stage.sh's stdin as
# printf %b escapes (as feed-input.sh takes it), or empty when it comes first on stdin instead: $4 bytes of it, ahead of
# the tar stream (too big for a command line); then finish-stage.sh's arguments. Unpacks the tar stream into the stage
# directory (tar-receive.sh), then verifies and publishes it (finish-stage.sh) in the same session: one call where a small
# new model took two. Prints what finish-stage.sh prints; exits as tar-receive.sh when the unpack failed (127: no tar
# here), having published nothing.
# Needs ms_tar_receive and ms_finish_stage.
# shellcheck disable=SC2154 # ms_tar_receive and ms_finish_stage are assigned by the text the loader puts before this file
stage=$1
try=$2
input=$3
ahead=$4
shift 4
expected=$(mktemp) || exit 1
trap 'rm -f -- "$expected"' EXIT
if [ "$ahead" -gt 0 ]; then
  # head -c reads no byte past its count: the tar stream starts where it stops. All of it or nothing unpacked: the
  # client gone halfway through sending it sent no tar stream either.
  head -c "$ahead" > "$expected" || exit 1
  if [ "$(($(wc -c < "$expected")))" -ne "$ahead" ]; then echo "tar-finish.sh: its input ended early" >&2; exit 1; fi
else
  printf '%b' "$input" > "$expected" || exit 1
fi
# A retry whose stage is gone: the earlier try may have published it, and a stage unpacked again would be published
# a second time, outside the lock. finish-stage.sh (told "retry") says which.
if [ "$try" = retry ] && [ ! -e "$stage" ] && [ ! -L "$stage" ]; then
  cat > /dev/null
else
  sh -c "$ms_tar_receive" tar-receive "$stage" d "" || exit
fi
sh -c "$ms_finish_stage" finish-stage "$@" < "$expected"
