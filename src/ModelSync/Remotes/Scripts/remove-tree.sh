# Put before every script that removes a tree model-sync owns (an old or replaced version, a stage, a seed, a lock).

# ms_remove_tree PATH [WHAT]: removes PATH, a file, a link (never followed) or a tree. A model published read-only
# (directories 0555, as chmod -R a-w leaves them) keeps its entries even from its owner: when the plain removal fails,
# the directories inside PATH that lack u+rwx get it, found without following any link and only inside PATH, which is
# all going, and the removal is tried again. When something is still left: one line on stderr saying what (WHAT, else
# PATH) is left where, why, and what to do; status 1, and ms_why holds why (rm's last line).
ms_remove_tree() {
  case $1 in -*) set -- "./$1" "${2-}" ;; esac
  if [ ! -e "$1" ] && [ ! -L "$1" ]; then return 0; fi
  if rm -rf -- "$1" 2>/dev/null; then return 0; fi
  if [ -d "$1" ] && [ ! -L "$1" ]; then
    find "$1" -type d ! -perm -u=rwx -exec chmod u+rwx -- {} + 2>/dev/null
    # One at a time, as find reaches them: a directory it could not read until now is opened before it looks inside.
    find "$1" -type d ! -perm -u=rwx -exec chmod u+rwx -- {} \; 2>/dev/null
  fi
  if ms_why=$(rm -rf -- "$1" 2>&1); then return 0; fi
  ms_why=$(printf '%s\n' "$ms_why" | tail -n 1)
  ms_quoted=$(printf '%s\n' "$1" | sed "s/'/'\\\\''/g")
  printf "%s is left at %s (%s): remove it as a user allowed to (rm -rf -- '%s'), then run the same command again\n" \
    "${2:-what model-sync had to remove}" "$1" "$ms_why" "$ms_quoted" >&2
  return 1
}
