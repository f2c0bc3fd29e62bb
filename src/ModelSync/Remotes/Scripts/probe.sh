# Greets a server: home directory; rsync's version line or no-rsync; hash-tools: and the hash programs on PATH.
printf '%s\n' "$HOME"
if command -v rsync >/dev/null 2>&1; then rsync --version 2>/dev/null | head -n 1; else echo no-rsync; fi
printf 'hash-tools:'
ms_each_hash_tool printf ' %s'
echo
