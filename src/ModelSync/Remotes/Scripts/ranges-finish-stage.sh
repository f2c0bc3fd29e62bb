# $1: how many of the arguments after $2 are finish-stage.sh's; $2: how many bytes of stdin are ranges-finish.sh's;
# then finish-stage.sh's arguments, then ranges-finish.sh's. stdin: ranges-finish.sh's, then finish-stage.sh's. Moves
# the files sent in ranges into the stage and sets its directories (ranges-finish.sh), then verifies and publishes it
# (finish-stage.sh) in the same session: one call where a streamed first push with nothing left for rsync took two.
# Prints what finish-stage.sh prints; exits 47 when the ranged files could not be put in place, having hashed and
# published nothing.
# Needs ms_ranges_finish and ms_finish_stage.
# shellcheck disable=SC2154 # ms_ranges_finish and ms_finish_stage are assigned by the text the loader puts before this file
n=$1 size=$2
shift 2
# head -c reads no byte past its count, and what ranges-finish.sh leaves of its part is drained (a retry whose stage is
# gone reads none of it): the rest of stdin is finish-stage.sh's, from its first byte.
(shift "$n" && head -c "$size" | { sh -c "$ms_ranges_finish" ranges-finish "$@"; s=$?; cat > /dev/null; exit "$s"; }) || exit 47
# finish-stage.sh reads its arguments by position: the ranges' after them are never read.
sh -c "$ms_finish_stage" finish-stage "$@"
