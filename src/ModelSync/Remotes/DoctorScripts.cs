namespace ModelSync.Remotes;

/// <summary>
/// The fixed POSIX sh scripts <c>doctor</c> runs on a place (data only as <c>$1</c>). Each prints
/// <see cref="Marker"/> first and then <c>key=value</c> lines, so whatever a chatty login shell prints before
/// the script starts can be told apart from the answer.
/// </summary>
public static class DoctorScripts
{
    public const string Marker = "model-sync-doctor";

    /// <summary>
    /// <c>home=</c> the home directory; <c>rsync=</c> rsync's version line (empty: not on PATH); one <c>tool=</c>
    /// per hash tool found (openssl, sha256sum, b3sum, xxhsum); <c>now=</c> the server's clock, epoch seconds.
    /// </summary>
    public const string Inspect = """
        printf '%s\n' model-sync-doctor
        printf 'home=%s\n' "$HOME"
        if command -v rsync >/dev/null 2>&1; then printf 'rsync=%s\n' "$(rsync --version 2>/dev/null | head -n 1)"; else printf 'rsync=\n'; fi
        for t in openssl sha256sum b3sum xxhsum; do
          if command -v "$t" >/dev/null 2>&1; then printf 'tool=%s\n' "$t"; fi
        done
        printf 'now=%s\n' "$(date +%s)"
        """;

    /// <summary>
    /// $1: model_base (absolute). <c>state=</c> <c>directory</c>, <c>not-a-directory</c> or <c>missing</c> (then
    /// <c>ancestor=</c> its nearest existing ancestor, which is what gets tested); <c>writable=yes</c> after creating
    /// and removing a temp file there, <c>writable=leftover</c> when the temp file could not be removed, or
    /// <c>writable=no</c> and <c>error=</c> mktemp's message; <c>free=</c> free KiB there.
    /// </summary>
    public const string ModelBase = """
        printf '%s\n' model-sync-doctor
        p=$1
        if [ -d "$p" ]; then
          echo state=directory
        elif [ -e "$p" ] || [ -L "$p" ]; then
          echo state=not-a-directory
        else
          echo state=missing
          while [ ! -e "$p" ]; do p=$(dirname -- "$p"); done
          printf 'ancestor=%s\n' "$p"
        fi
        if [ -d "$p" ]; then
          if t=$(mktemp -p "$p" .model-sync-doctor.XXXXXX 2>&1); then
            if rm -f -- "$t"; then echo writable=yes; else echo writable=leftover; fi
          else
            echo writable=no
            printf 'error=%s\n' "$(printf '%s\n' "$t" | head -n 1)"
          fi
        fi
        df -P -k -- "$p" 2>/dev/null | awk 'NR==2 { print "free=" $4 }'
        """;
}
