# "$@": an ssh command line ending in true. Prints model-sync-reach=N with ssh's exit code.
"$@" </dev/null
printf 'model-sync-reach=%s\n' "$?"
