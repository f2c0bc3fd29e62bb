# $1: any path. Free KiB at it, or at its nearest existing ancestor.
p=$1
while [ ! -e "$p" ]; do p=$(dirname -- "$p"); done
df -P -k -- "$p" | awk 'NR==2 { print $4 }'
