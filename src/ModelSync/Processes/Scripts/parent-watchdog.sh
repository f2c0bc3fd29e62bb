# Runs "$@"; once the process that started this one is gone, the child gets SIGTERM (checked once a second).
parent=$PPID
exec 3<&0
"$@" <&3 3<&- &
child=$!
exec 3<&-
(
  while kill -0 "$parent" 2>/dev/null; do sleep 1; done
  kill -TERM "$child" 2>/dev/null
) </dev/null >/dev/null 2>&1 &
watchdog=$!
wait "$child"
status=$?
kill "$watchdog" 2>/dev/null
exit "$status"
