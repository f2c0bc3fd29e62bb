namespace ModelSync.Remotes;

/// <summary>
/// Hashing a file while rsync writes it. rsync writes each file it receives sequentially into a temporary
/// <c>.NAME.XXXXXX</c> beside it and renames that into place when done; hashing it as it grows overlaps the
/// receiving side's hash with the transfer instead of adding a second pass after it. Data arrives only as
/// <c>$1…</c>. Needs GNU tail (<c>--pid</c>) and stat.
/// </summary>
public static class FollowScripts
{
    /// <summary>
    /// $1: the hash (<c>sha256</c>: openssl when present, else sha256sum; <c>xxh128</c>; <c>blake3</c>); then the
    /// final paths of the files to follow. Each gets a follower that waits for rsync's temporary file (written to
    /// within the last minute: an older one is a leftover of an earlier run), opens it, and hashes it as it is written
    /// (tail following the descriptor, so the rename does not matter) until stdin closes and all of it is read. The
    /// stopper reads stdin, so even a killed script ends its followers then. Each follower keeps the file open until
    /// then, so its inode cannot be reused, and prints a NUL-terminated record (final path, hash, inode) only if the
    /// final path is now that very file: a temporary file rsync threw away, or a file it never wrote, gives no record
    /// and is hashed as usual. Without GNU tail and fractional sleep it follows nothing. No <c>head -c</c> in the
    /// pipe: its small reads doubled the CPU a follower costs.
    /// </summary>
    public const string HashWhileWritten = """
        fn=$1
        shift
        tail -c 0 -s 0.05 --pid=$$ /dev/null 2>/dev/null && sleep 0.01 2>/dev/null || exit 0
        if [ "$fn" = sha256 ] && ! command -v openssl >/dev/null 2>&1; then fn=sha256sum; fi
        digest() {
          case $fn in
            sha256) openssl dgst -sha256 -r ;;
            xxh128) xxhsum -H2 ;;
            blake3) b3sum ;;
            *) sha256sum ;;
          esac
        }
        # A temporary file older than a minute before this script is a leftover of an earlier, interrupted run.
        recent=$(mktemp) || exit 0
        trap 'rm -f "$recent"' EXIT
        touch -d "@$(($(date +%s) - 60))" -- "$recent" || exit 0
        exec 4<&0
        cat <&4 >/dev/null 4<&- &
        stopper=$!
        exec 4<&-
        follow() {
          d=${1%/*}
          b=${1##*/}
          # rsync names the temporary file .NAME.XXXXXX, without doubling a leading dot.
          case $b in .*) p=$d/$b ;; *) p=$d/.$b ;; esac
          while kill -0 "$stopper" 2>/dev/null; do
            for t in "$p".??????; do
              [ -f "$t" ] && [ "$t" -nt "$recent" ] || continue
              {
                id=$(stat -L -c %d:%i /dev/fd/3) || exit 0
                h=$(tail -c +1 -s 0.05 --pid="$stopper" -f /dev/fd/3 | digest) || exit 0
                while kill -0 "$stopper" 2>/dev/null; do sleep 0.05; done
                [ "$(stat -c %d:%i -- "$1" 2>/dev/null)" = "$id" ] || exit 0
                printf '%s\0%s\0%s\0' "$1" "${h%% *}" "${id#*:}"
                exit 0
              } 2>/dev/null 3<"$t"
            done
            sleep 0.05
          done
        }
        for f; do
          follow "$f" </dev/null &
        done
        wait
        """;
}
