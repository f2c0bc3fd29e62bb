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
    /// $1: the hash (<c>sha256</c>: openssl when present, else sha256sum; <c>xxh128</c>; <c>blake3</c>); then pairs
    /// of a file's final path and its size in bytes. Each file gets a follower that waits for rsync's temporary file,
    /// opens it, and hashes its first SIZE bytes as they are written (tail following the descriptor, so the rename
    /// does not matter). Runs until stdin closes, then lets each follower finish what is written and prints one
    /// NUL-terminated record per file it hashed: final path, hash, and the inode it read, which the caller must find
    /// at the final path for the hash to count (a file rsync wrote twice, or not at all, then is hashed as usual).
    /// </summary>
    public const string HashWhileWritten = """
        fn=$1
        shift
        if [ "$fn" = sha256 ] && ! command -v openssl >/dev/null 2>&1; then fn=sha256sum; fi
        digest() {
          case $fn in
            sha256) openssl dgst -sha256 -r ;;
            xxh128) xxhsum -H2 ;;
            blake3) b3sum ;;
            *) sha256sum ;;
          esac
        }
        sleep 2147483647 </dev/null >/dev/null 2>&1 &
        stopper=$!
        follow() {
          d=${1%/*}
          b=${1##*/}
          while kill -0 "$stopper" 2>/dev/null; do
            for t in "$d/.$b".??????; do
              [ -f "$t" ] || continue
              {
                ino=$(stat -L -c %i /dev/fd/3) || exit 0
                h=$(tail -c +1 -s 0.05 --pid="$stopper" -f /dev/fd/3 | head -c "$2" | digest) || exit 0
                printf '%s\0%s\0%s\0' "$1" "${h%% *}" "$ino"
                exit 0
              } 3<"$t" 2>/dev/null
            done
            sleep 0.05
          done
        }
        while [ "$#" -ge 2 ]; do
          follow "$1" "$2" </dev/null &
          shift 2
        done
        cat >/dev/null
        kill "$stopper" 2>/dev/null
        wait
        """;
}
