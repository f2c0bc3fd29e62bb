# $1: target, $2: stage, $3: seed name, $4: lock, $5: the stage's resume record, $6: holder description, $7: d or f,
# the kind the model is, $8: yes when entries of the target the model lacks may be there under the lock, $9: the
# manifest's name, ${10}: the most bytes of it to read, ${11}: find's -printf format of scan.sh, ${12}: the KiB free
# below which the stage is left as it is, for the caller to check space first and prepare it, ${13}: the target's old
# name. On stdin: the model's entries as the records below (NUL-terminated, any order). Needs ms_lock_acquire,
# ms_free_space, ms_prepare_stage, ms_remove_old and ms_old_removable (the texts of those scripts), which the loader
# puts before it.
# Lists the target as scan.sh does. When every record is there (and, unless $8, nothing else): same, nothing taken;
# a previous version an earlier publish could not remove is tried again then, under the lock for that moment only.
# When the target is a link, or has entries the model lacks and $8 is not yes: open, nothing taken. Otherwise takes
# the lock and, once held, prepares the stage as prepare-stage.sh (seeded from a target of the same kind), unless a
# previous version left beside the target is in the way of the publish and this user cannot remove it (found by
# old-removable.sh, which changes nothing): then no stage is made, and the caller stops before it sends.
# Prints one line, STATE FREE_KIB STAGE LOCK_BYTES LEFT_BYTES (STATE: same, open, held or locked; STAGE: made, kept
# or -), then LOCK_BYTES of lock-acquire.sh's answer, then LEFT_BYTES saying why a previous version is still left
# (nothing when none is), then the listing.
# shellcheck disable=SC2154 # ms_lock_acquire, ms_free_space, ms_prepare_stage, ms_remove_old and ms_old_removable are assigned by the text the loader puts before this file
LC_ALL=C
export LC_ALL
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
cat > "$t/want" || exit 1
: > "$t/have"
: > "$t/lock"
: > "$t/left"
answer() {
  printf '%s %s %s %s %s\n' "$1" "${2:-0}" "${3:--}" "$(wc -c < "$t/lock")" "$(wc -c < "$t/left")"
  cat -- "$t/lock" "$t/left" "$t/scan"
  exit 0
}
same() {
  if [ -e "${13}" ] || [ -L "${13}" ]; then
    sh -c "$ms_remove_old" remove-old "$1" "${13}" "$4" "$6" > /dev/null 2> "$t/why"
    if [ $? -eq 4 ]; then cat -- "$t/why" > "$t/left"; fi
  fi
  answer same
}
if [ ! -e "$1" ] && [ ! -L "$1" ]; then
  printf 'missing\0' > "$t/scan"
else
  {
    if [ -L "$1" ]; then printf 'link\0'; readlink -n -- "$1"; printf '\0'; fi
    printf 'ok\0'
    if [ -d "$1" ] && [ -f "$1/$9" ]; then head -c "${10}" -- "$1/$9" | tr -d '\000'; fi
    printf '\0'
    find -H "$1" -printf "${11}" \( -name '.model-sync-*' -o -type d -fprintf "$t/have" 'd %P\0' \
      -o -type f -fprintf "$t/have" 'f %s %Ts %m %P\0' -o -type l -fprintf "$t/have" 'l %P\n%l\0' \)
  } > "$t/scan" || exit 1
fi
if [ -L "$1" ]; then answer open; fi
sort -z -o "$t/want" "$t/want" && sort -z -o "$t/have" "$t/have" || exit 1
if cmp -s -- "$t/want" "$t/have"; then same "$@"; fi
missing=$(comm -z -23 "$t/want" "$t/have" | tr -cd '\000' | wc -c)
extra=$(comm -z -13 "$t/want" "$t/have" | tr -cd '\000' | wc -c)
if [ "$missing" -eq 0 ] && { [ "$extra" -eq 0 ] || [ "$8" = yes ]; }; then same "$@"; fi
if [ "$extra" -gt 0 ] && [ "$8" != yes ]; then answer open; fi
sh -c "$ms_lock_acquire" lock-acquire "$4" "$6" "$5" > "$t/lock" || exit 1
if [ "$(head -n 1 -- "$t/lock")" != acquired ]; then answer held; fi
: > "$t/lock"
# From here the lock is ours: a failure gives it back, so a stage that could not be made holds no one up.
lock=$4
fail() { rm -rf -- "$lock"; exit 1; }
# A publish over a target in place (unless file over file) needs the old name free: a previous version there that this
# user cannot remove would fail it after the whole send. Only looked at, never removed here: a removal before the send
# could run beside a publish an interrupted run left going on the server.
if [ -e "$1" ] && { [ "$7" = d ] || [ -d "$1" ]; } && { [ -e "${13}" ] || [ -L "${13}" ]; }; then
  sh -c "$ms_old_removable" old-removable "${13}" 2> "$t/left"
  if [ $? -ne 4 ]; then : > "$t/left"; fi
fi
free=$(sh -c "$ms_free_space" free-space "$1") || fail
if [ "$free" -lt "${12}" ] || [ -s "$t/left" ]; then answer locked "$free"; fi
stage=made
if [ ! -L "$2" ] && { { [ "$7" = d ] && [ -d "$2" ]; } || { [ "$7" = f ] && [ -f "$2" ]; }; }; then stage=kept; fi
mode=seed
if [ ! -L "$1" ] && { { [ "$7" = d ] && [ -d "$1" ]; } || { [ "$7" = f ] && [ -f "$1" ]; }; }; then :
elif [ "$7" = d ]; then mode=dir
else mode='file'
fi
sh -c "$ms_prepare_stage" prepare-stage "$1" "$2" "$3" "$mode" "$7" || fail
answer locked "$free" "$stage"
