# Put before every script that verifies and publishes a stage, and every script that takes, gives back or breaks a lock.
# A finish runs on after its client is gone (Ctrl-C, a dropped connection: sshd lets a command without a terminal run
# on, and the publish ignores hang-ups), so while it runs the lock records it, as the file "finishing" in the lock
# holding "HOST PID": the client's release then hands the lock to it (the file "handed", which the finish reads as it
# ends, then giving the lock back itself), and a next run finds the lock held by a live process, not stale.

# ms_finisher LOCK: one word for the finish the lock records: none, live, gone (its process ended without giving the
# lock back: killed), or elsewhere (recorded on another host sharing this directory: not judged here); then, when the
# lock was handed to it, " handed".
ms_finisher() {
  if ! ms_rec=$(cat -- "$1/finishing" 2>/dev/null); then ms_state=none
  elif [ "${ms_rec% *}" != "$(uname -n)" ]; then ms_state=elsewhere
  else
    case ${ms_rec##* } in
      '' | *[!0-9]*) ms_state=elsewhere ;;
      *) if kill -0 "${ms_rec##* }" 2>/dev/null || [ -d "/proc/${ms_rec##* }" ]; then ms_state=live; else ms_state=gone; fi ;;
    esac
  fi
  if [ -e "$1/handed" ]; then echo "$ms_state handed"; else echo "$ms_state"; fi
}

# ms_finishing LOCK TOKEN STAGE RECORD: this shell is the finish of the lock TOKEN holds (STAGE and its resume RECORD as
# lock-release.sh takes them); status 1, nothing recorded, when the lock is not TOKEN's (given back by an earlier try
# that published, or broken and maybe taken by another run): then nothing may be written. An earlier try of the same
# finish still running (its connection dropped, the client retried) is waited for. A finish run by a finish (the
# calls that do a step of their own first, then run finish-stage.sh) is that finish's. Records first, then checks the
# token: a breaker that renamed the lock away in between finds the record in what it renamed (lock-break.sh).
ms_finishing() {
  ms_fin_lock='' ms_fin_me="$(uname -n) $$"
  ms_rec=$(cat -- "$1/finishing" 2>/dev/null)
  if [ "$ms_rec" = "${ms_fin_me% *} $PPID" ]; then return 0; fi
  if [ "$ms_rec" != "$ms_fin_me" ]; then
    while case $(ms_finisher "$1") in live*) true ;; *) false ;; esac; do sleep 0.2; done
    { printf '%s\n' "$ms_fin_me" > "$1/finishing.$$" && mv -f -- "$1/finishing.$$" "$1/finishing"; } 2>/dev/null || return 1
  fi
  if ! grep -qxF -- "token=$2" "$1/holder" 2>/dev/null; then
    if [ "$(cat -- "$1/finishing" 2>/dev/null)" = "$ms_fin_me" ]; then rm -f -- "$1/finishing"; fi
    return 1
  fi
  ms_fin_lock=$1 ms_fin_token=$2 ms_fin_stage=$3 ms_fin_record=$4
}

# ms_finished: for the finish's EXIT trap. Its record goes; a lock handed to it is given back (lock-release.sh's rules:
# a stage still there keeps the holder as its resume record). Record gone first, then the hand-over read: a release
# that handed over after that read finds no live finish and gives the lock back itself.
# shellcheck disable=SC2154 # ms_lock_release is assigned by the text the loader puts before the script that uses this
ms_finished() {
  if [ -z "$ms_fin_lock" ]; then return 0; fi
  if [ "$(cat -- "$ms_fin_lock/finishing" 2>/dev/null)" = "$ms_fin_me" ]; then rm -f -- "$ms_fin_lock/finishing"; fi
  if [ -e "$ms_fin_lock/handed" ]; then
    sh -c "$ms_lock_release" lock-release "$ms_fin_lock" "$ms_fin_token" "$ms_fin_stage" "$ms_fin_record" finish
  fi
  ms_fin_lock=''
}
