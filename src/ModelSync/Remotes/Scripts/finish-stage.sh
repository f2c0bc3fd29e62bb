# $1: target, $2: stage, $3: name for the old target, $4: lock, $5: the lock's token, $6: the stage's resume record,
# $7: the directory the hashes are taken in (the stage, or its parent for a file), $8: hash function, $9: the tool
# expected to compute it, ${10}: files per batch, ${11}: the manifest's name, ${12}: find's -printf format,
# ${13}: retry (an earlier try may have published) or first; then the sizes of the sections of stdin:
# ${14}: the records the stage must hold (NUL-terminated: f SIZE PATH, l PATH\nTARGET, v SIZE MTIME PATH and
# i SIZE INODE PATH for files whose hash is known already); the ./names to hash whose names the tool prints as they
# are, ${15}: large files (one per process), ${16}: small ones (in batches); ${17}: the other ./names to hash;
# ${18}: the hash records expected, as the tool prints them; ${19}: the manifest to write (0 for none).
# Arguments after ${19} are never read (ranges-finish-stage.sh's own ranges go there).
# Needs ms_hash, ms_write_manifest, ms_publish and ms_lock_release.
# When the stage holds every record and every hash is as expected: writes the manifest, publishes, releases the lock
# and prints "published"; or, when the previous version could not be removed after the swap, "published old-left" and
# a line saying why (publish.sh's status 4: the new version is in place). Otherwise publishes nothing and prints
# "mismatch SCAN LARGE SMALL EACH" (their sizes in bytes), then the stage's listing (as scan.sh, with no manifest) and
# the three hash outputs (as hash-files.sh).
# shellcheck disable=SC2154 # ms_hash, ms_write_manifest, ms_publish and ms_lock_release are assigned by the text the loader puts before this file
LC_ALL=C
export LC_ALL
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
head -c "${14}" > "$t/want" && head -c "${15}" > "$t/large" && head -c "${16}" > "$t/small" && head -c "${17}" > "$t/odd" \
  && head -c "${18}" > "$t/hashes" && head -c "${19}" > "$t/manifest" || exit 1
# Input cut short (the client gone while sending it; sshd lets a command without a terminal run on) vouches for
# nothing: with fewer records and hashes than expected a stage missing files would match them, and a manifest cut
# short would be published.
arrived=$(cat -- "$t/want" "$t/large" "$t/small" "$t/odd" "$t/hashes" "$t/manifest" | wc -c) || exit 1
if [ "$((arrived))" -ne "$((${14} + ${15} + ${16} + ${17} + ${18} + ${19}))" ]; then echo "finish-stage.sh: its input ended early" >&2; exit 1; fi
: > "$t/have"
: > "$t/hl"
: > "$t/hs"
: > "$t/he"
mismatch() {
  printf 'mismatch %s %s %s %s\n' "$(wc -c < "$t/scan")" "$(wc -c < "$t/hl")" "$(wc -c < "$t/hs")" "$(wc -c < "$t/he")"
  cat -- "$t/scan" "$t/hl" "$t/hs" "$t/he"
  exit 0
}
# An earlier try's publish may have left the previous version: publish.sh tries it again when the stage is gone.
publish() {
  sh -c "$ms_publish" publish "$2" "$1" "$3" 2> "$t/left"
  published=$?
  if [ "$published" -ne 0 ] && [ "$published" -ne 4 ]; then cat -- "$t/left" >&2; exit 1; fi
  sh -c "$ms_lock_release" lock-release "$4" "$5" "$2" "$6"
  if [ "$published" -eq 4 ]; then echo published old-left; cat -- "$t/left"; else echo published; fi
  exit 0
}
if [ ! -e "$2" ] || [ -L "$2" ]; then
  if [ "${13}" = retry ] && [ ! -L "$2" ] && { [ -e "$1" ] || [ -L "$1" ]; }; then publish "$@"; fi
  printf 'missing\0' > "$t/scan"
  mismatch
fi
ok=yes
# The large files and the batches of small ones at once, as TreeHasher runs them, and both while the stage is
# listed and the records sorted (for 20k small files those take a third of the time the hashing does).
large=0
small=0
if [ "${15}" -gt 0 ]; then sh -c "$ms_hash" hash "$7" 1 "$8" lines < "$t/large" > "$t/hl" & large=$!; fi
if [ "${16}" -gt 0 ]; then sh -c "$ms_hash" hash "$7" "${10}" "$8" lines < "$t/small" > "$t/hs" & small=$!; fi
{
  printf 'ok\0\0'
  find -H "$2" -printf "${12}" \( -type f -fprintf "$t/have" 'f %s %P\0' -fprintf "$t/have" 'v %s %T@ %P\0' \
    -fprintf "$t/have" 'i %s %i %P\0' -o -type l -fprintf "$t/have" 'l %P\n%l\0' \)
} > "$t/scan" || exit 1
sort -z -o "$t/want" "$t/want" && sort -z -o "$t/have" "$t/have" && sort -z -o "$t/hashes" "$t/hashes" || exit 1
if [ "${17}" -gt 0 ]; then sh -c "$ms_hash" hash "$7" 1 "$8" each < "$t/odd" > "$t/he" || ok=no; fi
if [ "$small" -ne 0 ] && ! wait "$small"; then ok=no; fi
if [ "$large" -ne 0 ] && ! wait "$large"; then ok=no; fi
for f in "$t/hl" "$t/hs" "$t/he"; do
  if [ -s "$f" ] && [ "$(head -n 1 -- "$f")" != "$9" ]; then ok=no; fi
done
for f in "$t/hl" "$t/hs" "$t/he"; do
  if [ -s "$f" ]; then tail -c +"$((${#9} + 2))" -- "$f"; fi
done | sort -z > "$t/got" || ok=no
if [ "$ok" != yes ] || [ -n "$(comm -z -23 "$t/want" "$t/have" | head -c 1)" ] || ! cmp -s -- "$t/got" "$t/hashes"; then mismatch; fi
trap '' HUP INT TERM PIPE
if [ -s "$t/manifest" ]; then sh -c "$ms_write_manifest" write-manifest "$2" "${11}" "${19}" < "$t/manifest" || exit 1; fi
publish "$@"
