# $1: stage, $2: name of the old target, $3: target, $4: its lock. Waits up to 20 s for a publish under way, or a finish
# still running on the lock (finishing.sh), then one word: published, kept, busy, gone, or finishing (that finish runs
# on: it gives the lock back as it ends). Needs ms_finisher (finishing.sh), which the loader puts before it.
s=$1 old=$2 t=$3 lock=$4
there() { [ -e "$1" ] || [ -L "$1" ]; }
finishing() { case $(ms_finisher "$lock") in live* | elsewhere*) return 0 ;; *) return 1 ;; esac; }
i=0
while { { there "$s" && there "$old"; } || finishing; } && [ "$i" -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
if finishing; then echo finishing
elif there "$s"; then
  if there "$old"; then echo busy; else echo kept; fi
elif there "$t"; then echo published
else echo gone
fi
