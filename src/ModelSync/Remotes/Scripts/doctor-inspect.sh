# The doctor's marker, then home=, rsync= (empty: not on PATH), a tool= per hash program found, now= (epoch s).
# Needs hash-tools.sh before it.
printf '%s\n' model-sync-doctor
printf 'home=%s\n' "$HOME"
if command -v rsync >/dev/null 2>&1; then printf 'rsync=%s\n' "$(rsync --version 2>/dev/null | head -n 1)"; else printf 'rsync=\n'; fi
ms_each_hash_tool printf 'tool=%s\n'
printf 'now=%s\n' "$(date +%s)"
