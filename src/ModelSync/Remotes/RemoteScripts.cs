namespace ModelSync.Remotes;

/// <summary>
/// The fixed POSIX sh scripts every place runs, locally or over ssh. Data only ever arrives as <c>$1…</c>
/// or on stdin, never spliced into the script text. The server needs sh, GNU coreutils, find and xargs.
/// </summary>
public static class RemoteScripts
{
    /// <summary>
    /// Greets a server: home directory; rsync's version line or <c>no-rsync</c>; <c>hash-tools:</c> and the hash
    /// programs on its PATH, space-separated (shell built-ins only, so knowing them costs no extra round trip).
    /// </summary>
    public const string Probe = """
        printf '%s\n' "$HOME"
        if command -v rsync >/dev/null 2>&1; then rsync --version 2>/dev/null | head -n 1; else echo no-rsync; fi
        printf 'hash-tools:'
        for t in openssl sha256sum xxhsum b3sum; do if command -v "$t" >/dev/null 2>&1; then printf ' %s' "$t"; fi; done
        echo
        """;

    /// <summary>
    /// $1: path. <c>missing\0</c>; or <c>ok\0</c>, the manifest a push left there (empty if none; NUL bytes dropped,
    /// and no more than one byte past <see cref="Manifests.ModelManifest.MaxBytes"/>, so a hostile one can neither end
    /// the field early nor fill the memory) and <c>\0</c>, then find records (root first, following a root symlink).
    /// When $1 itself is a symlink, <c>link\0</c> and its target and <c>\0</c> come first: a source may be reached
    /// through a link, but a target must not be written through one.
    /// </summary>
    public static readonly string Scan = $$"""
        if [ ! -e "$1" ] && [ ! -L "$1" ]; then printf 'missing\0'; exit 0; fi
        if [ -L "$1" ]; then printf 'link\0'; readlink -n -- "$1"; printf '\0'; fi
        printf 'ok\0'
        if [ -d "$1" ] && [ -f "$1/{{Manifests.ModelManifest.FileName}}" ]; then head -c {{Manifests.ModelManifest.MaxBytes + 1}} -- "$1/{{Manifests.ModelManifest.FileName}}" | tr -d '\000'; fi
        printf '\0'
        exec find -H "$1" -printf '{{Manifests.FindOutput.PrintfFormat}}'
        """;

    /// <summary>
    /// $1: model directory. Writes the manifest from stdin (temp file, then rename), keeping the directory's
    /// mtime as rsync set it, so <c>list</c> still dates the model by its content. Whatever is at the temporary name
    /// is removed first and the file made only if nothing is there (noclobber), and the rename replaces whatever is at
    /// the real name (<c>-T</c>): a symlink planted at either is never written through nor renamed into.
    /// </summary>
    public static readonly string WriteManifest = $$"""
        ref=$(mktemp) || exit 1
        trap 'rm -f "$ref"' EXIT
        touch -r "$1" -- "$ref" || exit 1
        m="$1/{{Manifests.ModelManifest.FileName}}"
        rm -f -- "$m.tmp" || exit 1
        (set -C; cat > "$m.tmp") && mv -T -f -- "$m.tmp" "$m" || exit 1
        touch -r "$ref" -- "$1"
        """;

    /// <summary>
    /// $1: directory; NUL-terminated <c>./</c>-prefixed names on stdin (so no list is ever too long for a command
    /// line); $2: files per batch; $3: the hash, <c>sha256</c> (openssl when present, else sha256sum), <c>xxh128</c>
    /// (xxhsum -H2) or <c>blake3</c> (b3sum); $4: <c>lines</c> or <c>each</c>. Prints the tool used on a first
    /// line, then one NUL-terminated record per file, <c>HASH *./name</c> (openssl) or <c>HASH  ./name</c>.
    /// <c>lines</c> turns the tool's output lines into records, so it is only for names the tools print
    /// verbatim; each tool escapes a newline, carriage return or backslash differently (xxhsum 0.8.1 not at all),
    /// so the caller sends such names as <c>each</c>: one tool run per file, whose hash (the first word, less the
    /// backslash that flags an escaped name) is paired with the name as given. Batches run in parallel, each into
    /// its own temp file, so records never interleave.
    /// </summary>
    public const string Hash = """
        cd -- "$1" || exit 41
        case $3 in
          xxh128) MS_TOOL=xxhsum ;;
          blake3) MS_TOOL=b3sum ;;
          *) if command -v openssl >/dev/null 2>&1; then MS_TOOL=openssl; else MS_TOOL=sha256sum; fi ;;
        esac
        command -v "$MS_TOOL" >/dev/null 2>&1 || { echo "$MS_TOOL: not found" >&2; exit 43; }
        MS_EACH=$4
        export MS_TOOL MS_EACH
        w=$(nproc 2>/dev/null) || w=2
        [ "$w" -gt 4 ] && w=4
        t=$(mktemp -d) || exit 42
        trap 'rm -rf "$t"' EXIT
        xargs -0 -r -P "$w" -n "$2" sh -c '
          o=$(mktemp -p "$0") || exit 1
          h() {
            case $MS_TOOL in
              openssl) openssl dgst -sha256 -r "$@" ;;
              xxhsum) xxhsum -H2 "$@" ;;
              *) "$MS_TOOL" "$@" ;;
            esac
          }
          if [ "$MS_EACH" = each ]; then
            st=0
            for f; do
              r=$(h "$f") || { st=1; continue; }
              r=${r%% *}
              printf "%s  %s\0" "${r#\\}" "$f"
            done > "$o"
            exit $st
          fi
          h "$@" > "$o.lines"; st=$?
          tr "\n" "\0" < "$o.lines" > "$o"
          rm -f "$o.lines"
          exit $st' "$t"
        st=$?
        printf '%s\n' "$MS_TOOL"
        for f in "$t"/*; do [ -f "$f" ] && cat "$f"; done
        exit $st
        """;

    /// <summary>$1: any path. Free KiB at it, or at its nearest existing ancestor.</summary>
    public const string FreeSpace = """
        p=$1
        while [ ! -e "$p" ]; do p=$(dirname -- "$p"); done
        df -P -k -- "$p" | awk 'NR==2 { print $4 }'
        """;

    /// <summary>
    /// $1: target, $2: stage, $3: seed name, $4: <c>seed</c> (hard-link the target into the stage so unchanged
    /// files are not sent again), <c>dir</c> (start empty) or <c>file</c> (nothing to make), $5: <c>d</c> or <c>f</c>,
    /// the kind the stage must be. An existing stage of that kind is kept: that is how an interrupted run resumes.
    /// A symlink at the stage or seed name was never made by model-sync (nor is a target that became one since the
    /// scan worth seeding from): it is removed, the link itself, and never followed. A seed is renamed into place only
    /// once complete.
    /// </summary>
    public const string PrepareStage = """
        mkdir -p -- "$(dirname -- "$2")" || exit 1
        if [ -L "$2" ]; then rm -f -- "$2" || exit 1; fi
        if [ -e "$2" ]; then
          if { [ "$5" = d ] && [ -d "$2" ]; } || { [ "$5" = f ] && [ -f "$2" ]; }; then exit 0; fi
          rm -rf -- "$2" || exit 1
        fi
        rm -rf -- "$3" || exit 1
        case $4 in
          seed) if [ -L "$1" ]; then [ "$5" = f ] || mkdir -- "$2"; else cp -al -- "$1" "$3" && mv -T -- "$3" "$2"; fi ;;
          dir) mkdir -- "$2" ;;
        esac
        """;

    /// <summary>
    /// $1: stage, $2: target, $3: name for the old target. A file replaces a file in one atomic rename;
    /// otherwise two renames (target aside, stage in), the old one restored if the second fails. Hang-ups are
    /// ignored so a dropped connection cannot stop it between the two renames; a missing stage with a target in
    /// place means an earlier try already published (the lock keeps anyone else from touching the stage). A stage
    /// that is a symlink is someone else's: it is removed and nothing is published.
    /// </summary>
    public const string Publish = """
        trap '' HUP INT TERM PIPE
        s=$1 t=$2 old=$3
        if [ -L "$s" ]; then
          rm -f -- "$s"
          echo "the staging area $s was a symlink model-sync did not make; removed it, nothing was published" >&2; exit 1
        fi
        if [ ! -e "$s" ] && [ ! -L "$s" ]; then
          if [ -e "$t" ] || [ -L "$t" ]; then rm -rf -- "$old"; exit 0; fi
          echo "nothing to publish: $s is missing" >&2; exit 1
        fi
        mkdir -p -- "$(dirname -- "$t")" || exit 1
        if [ ! -d "$s" ] && { [ ! -d "$t" ] || [ -L "$t" ]; }; then exec mv -T -f -- "$s" "$t"; fi
        if [ -e "$t" ] || [ -L "$t" ]; then
          rm -rf -- "$old"
          mv -T -- "$t" "$old" || exit 1
          if ! mv -T -- "$s" "$t"; then mv -T -- "$old" "$t"; exit 1; fi
          rm -rf -- "$old"
        else
          mv -T -- "$s" "$t"
        fi
        """;

    /// <summary>
    /// $1: lock directory, $2: holder description. <c>acquired</c>, or <c>held AGE_SECONDS</c> then the
    /// holder's description. mkdir is atomic, so of two racing pushes exactly one gets the lock. A symlink or a file
    /// at the lock's name is no lock model-sync took: it is removed (the link itself, never what it points to).
    /// </summary>
    public const string LockAcquire = """
        mkdir -p -- "$(dirname -- "$1")" || exit 1
        if [ -L "$1" ] || { [ -e "$1" ] && [ ! -d "$1" ]; }; then rm -f -- "$1" || exit 1; fi
        if mkdir -- "$1" 2>/dev/null; then
          printf '%s' "$2" > "$1/holder.tmp" && mv -f -- "$1/holder.tmp" "$1/holder" || exit 1
          echo acquired
        elif [ -L "$1" ] || [ ! -d "$1" ]; then
          mkdir -- "$1"
          exit 1
        else
          now=$(date +%s)
          since=$(stat -c %Y -- "$1" 2>/dev/null) || since=$now
          echo "held $((now - since))"
          cat -- "$1/holder" 2>/dev/null
        fi
        """;

    /// <summary>$1: lock directory, $2: token. Removes the lock only if it is still ours.</summary>
    public const string LockRelease = """
        if grep -qxF -- "token=$2" "$1/holder" 2>/dev/null; then rm -rf -- "$1"; fi
        exit 0
        """;

    /// <summary>$1: lock directory. Breaks a stale lock: one rename, so two breakers cannot both succeed.</summary>
    public const string LockBreak = """
        b="$1.broken.$$"
        mv -T -- "$1" "$b" 2>/dev/null && rm -rf -- "$b"
        exit 0
        """;

    /// <summary>$1: path to remove, file or tree.</summary>
    public const string Remove = """rm -rf -- "$1" """;
}
