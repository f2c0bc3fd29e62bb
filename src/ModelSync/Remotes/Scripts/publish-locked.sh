# $1: stage, $2: target, $3: name for the old target, $4: lock, $5: its token, $6: the stage's resume record. Runs
# publish.sh ($1-$3) as a finish of the lock $5 holds (finishing.sh): the lock records it while it runs, so that neither
# its client's release nor a next run takes the lock from it (publish.sh runs on after its client is gone), and it
# gives back a lock handed to it as it ends. A lock that is no longer $5's publishes nothing (status 1). Otherwise exits
# as publish.sh. Needs ms_publish and ms_lock_release, and finishing.sh's functions.
# shellcheck disable=SC2154 # ms_publish is assigned by the text the loader puts before this file
trap '' HUP INT TERM PIPE
trap 'ms_finished' EXIT
if ! ms_finishing "$4" "$5" "$1" "$6"; then
  echo "the lock on $2 is no longer this run's (broken by another run): nothing was published" >&2
  exit 1
fi
sh -c "$ms_publish" publish "$1" "$2" "$3"
