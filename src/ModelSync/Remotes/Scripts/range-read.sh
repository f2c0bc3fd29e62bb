# $1: file, $2: first MiB block, $3: MiB blocks to send, or empty to send to the end. The bytes go to stdout.
# A regular file reads in whole blocks (but its last), so the count is exact; skip seeks, reading nothing before.
if [ -n "$3" ]; then exec dd if="$1" bs=1048576 skip="$2" count="$3"; fi
exec dd if="$1" bs=1048576 skip="$2"
