# $1: how many of the arguments after it are finish-stage.sh's; then those, then ranges-finish.sh's. stdin:
# finish-stage.sh's. Moves the files sent in ranges into the stage and sets its directories (ranges-finish.sh), then
# verifies and publishes it (finish-stage.sh) in the same session: one call where a streamed first push with nothing
# left for rsync took two. Prints what finish-stage.sh prints; exits 47 when the ranged files could not be put in
# place, having hashed and published nothing.
# Needs ms_ranges_finish and ms_finish_stage.
# shellcheck disable=SC2154 # ms_ranges_finish and ms_finish_stage are assigned by the text the loader puts before this file
n=$1
shift
(shift "$n" && sh -c "$ms_ranges_finish" ranges-finish "$@") < /dev/null || exit 47
# finish-stage.sh reads its arguments by position: the ranges' after them are never read.
sh -c "$ms_finish_stage" finish-stage "$@"
