# $1: stage, $2: name of the old target, $3: target. Waits up to 20 s for a publish under way, then one word:
# published, kept (the stage there, the target as it was), busy (still under way, or stopped between its renames) or gone.
s=$1 old=$2 t=$3
there() { [ -e "$1" ] || [ -L "$1" ]; }
# A stage beside the old name is a publish under way (publish.sh removing an earlier leftover, then between its
# renames) only while publish.sh runs: a stage kept beside a previous version that could not be removed stays so.
# Linux names every process's arguments in /proc, and publish.sh's are the stage, the target and the old name in a
# row; elsewhere (or for a name with a newline, which a line cannot hold) every such pair is taken as under way.
publishing() {
  nl='
'
  case $s$t$old in *"$nl"*) return 0 ;; esac
  [ -r /proc/self/cmdline ] || return 0
  cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\0' '\n' | LC_ALL=C S=$s T=$t O=$old awk '
    $0 == ENVIRON["O"] && b == ENVIRON["T"] && a == ENVIRON["S"] { found = 1; exit }
    { a = b; b = $0 }
    END { exit !found }'
}
i=0
if there "$s" && there "$old" && ! publishing; then i=200; fi
while there "$s" && there "$old" && [ "$i" -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
if there "$s"; then
  # Without its target, the model is at the old name: a publish stopped between its renames, whatever runs.
  if there "$old" && { ! there "$t" || publishing; }; then echo busy; else echo kept; fi
elif there "$t"; then echo published
else echo gone
fi
