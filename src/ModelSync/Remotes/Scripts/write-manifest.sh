# $1: model directory, $2: the manifest's name, $3: its size in bytes; the manifest on stdin. Keeps the directory's
# mtime, and its mode: one without u+w (a model published read-only) has it only while the manifest is written. Needs
# ms_while_writable (while-writable.sh, which the loader puts before it).
# Input that ends before its size (the client gone while sending it; sshd lets a command without a terminal run on)
# leaves whatever manifest was there and exits 1: one cut short would be published, or describe a live model wrongly.
m="$1/$2"
size=$3
write() {
  rm -f -- "$m.tmp" && (set -C; head -c "$size" > "$m.tmp") || return 1
  if [ "$(($(wc -c < "$m.tmp")))" -ne "$((size))" ]; then
    rm -f -- "$m.tmp"
    echo "write-manifest.sh: its input ended early" >&2
    return 1
  fi
  mv -T -f -- "$m.tmp" "$m"
}
ms_while_writable "$1" write
