# Put before every script that writes into, or removes from, a directory that may lack u+w (a model published
# read-only, a stage seeded from one), keeping that directory as it was.

# ms_while_writable DIR COMMAND [ARG...]: runs COMMAND (a program or a function) with DIR writable: a DIR without u+w
# has it only while COMMAND runs. DIR's mode and times are put back afterwards, so it is still dated as the model's
# content dates it. Status: 1 when DIR could not be made writable (COMMAND not run) or could not be put back as it
# was; else COMMAND's.
ms_while_writable() {
  ms_dir=$1
  shift
  ms_ref=$(mktemp) || return 1
  if ! touch -r "$ms_dir" -- "$ms_ref"; then rm -f -- "$ms_ref"; return 1; fi
  ms_lent=
  if [ ! -w "$ms_dir" ]; then
    if ! chmod u+w -- "$ms_dir"; then rm -f -- "$ms_ref"; return 1; fi
    ms_lent=1
  fi
  "$@"
  ms_status=$?
  if [ -n "$ms_lent" ]; then chmod u-w -- "$ms_dir" || ms_status=1; fi
  touch -r "$ms_ref" -- "$ms_dir" || ms_status=1
  rm -f -- "$ms_ref"
  return "$ms_status"
}
