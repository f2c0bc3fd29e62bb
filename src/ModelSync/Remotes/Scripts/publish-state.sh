# $1: stage, $2: name of the old target, $3: target. Waits up to 20 s for a publish under way, then one word:
# published, kept, busy or gone.
s=$1 old=$2 t=$3
there() { [ -e "$1" ] || [ -L "$1" ]; }
i=0
while there "$s" && there "$old" && [ "$i" -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
if there "$s"; then
  if there "$old"; then echo busy; else echo kept; fi
elif there "$t"; then echo published
else echo gone
fi
