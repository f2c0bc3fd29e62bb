# $1: lock directory, $2: token, $3: the stage, $4: the stage's resume record, $5: finish when the finish itself gives
# the lock back (finishing.sh). Removes the lock only if it is still ours. A stage still there (the command stopped
# before publishing) keeps the holder as its resume record. Empty $3 and $4: a lock taken for no stage (lock-acquire.sh
# with no record), and no resume record is touched. A finish still running on the lock (its client interrupted, or
# unsure whether it ended) keeps it: the lock is handed to it, and it gives the lock back as it ends; "handed" first,
# then the finish looked at again, as finishing.sh's ms_finished reads them the other way round, so one of the two
# gives it back. Needs ms_remove_tree (remove-tree.sh) and ms_finisher (finishing.sh), which the loader puts before it.
if grep -qxF -- "token=$2" "$1/holder" 2>/dev/null; then
  if [ "${5-}" != finish ] && [ -e "$1/finishing" ]; then
    case $(ms_finisher "$1") in
      live* | elsewhere*)
        printf 'token=%s\n' "$2" > "$1/handed" || exit 1
        case $(ms_finisher "$1") in live* | elsewhere*) exit 0 ;; esac
        ;;
    esac
  fi
  if [ -z "$4" ]; then :
  elif [ -e "$3" ]; then mv -f -- "$1/holder" "$4" 2>/dev/null; else rm -f -- "$4"; fi
  ms_remove_tree "$1" "the released lock" || exit 1
fi
exit 0
