# $1: model directory, $2: the manifest's name. Removes the manifest, keeping the directory's mtime and its mode:
# one without u+w (a stage seeded from a model published read-only) has it only for the removal. Needs
# ms_while_writable (while-writable.sh, which the loader puts before it).
ms_while_writable "$1" rm -f -- "$1/$2"
