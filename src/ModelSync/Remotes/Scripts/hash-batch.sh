# One batch of hash-files.sh, which xargs runs in parallel: $1: directory for the batch's output file, $2: the
# hash program, $3: lines or each; then the files. Each batch writes its own file, so records never interleave.
o=$(mktemp -p "$1") || exit 1
tool=$2
mode=$3
shift 3
if [ "$mode" = each ]; then
  st=0
  for f; do
    r=$(ms_hash_run "$tool" "$f") || { st=1; continue; }
    r=${r%% *}
    printf '%s  %s\0' "${r#\\}" "$f"
  done > "$o"
  exit $st
fi
ms_hash_run "$tool" "$@" > "$o.lines"; st=$?
tr '\n' '\0' < "$o.lines" > "$o"
rm -f "$o.lines"
exit $st
