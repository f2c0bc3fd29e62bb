namespace ModelSync.Remotes;

/// <summary>
/// The fixed POSIX sh scripts every place runs, locally or over ssh. Data only ever arrives as <c>$1…</c>
/// or on stdin, never spliced into the script text. The server needs sh, GNU coreutils, find and xargs.
/// </summary>
public static class RemoteScripts
{
    /// <summary>Greets a server: home directory, then rsync's version line or <c>no-rsync</c>.</summary>
    public const string Probe = """
        printf '%s\n' "$HOME"
        if command -v rsync >/dev/null 2>&1; then rsync --version 2>/dev/null | head -n 1; else echo no-rsync; fi
        """;

    /// <summary>$1: path. <c>missing\0</c>, or <c>ok\0</c> then find records (root first, following a root symlink).</summary>
    public static readonly string Scan = $$"""
        if [ ! -e "$1" ] && [ ! -L "$1" ]; then printf 'missing\0'; exit 0; fi
        printf 'ok\0'
        exec find -H "$1" -printf '{{Manifests.FindOutput.PrintfFormat}}'
        """;

    /// <summary>
    /// $1: directory; $2…: files relative to it (none: every file below it). Prints the tool used on a first
    /// line, then one NUL-terminated record per file: <c>HASH *./name</c> from openssl, or <c>HASH  ./name</c>
    /// from <c>sha256sum -z</c>. openssl versions differ in how they escape a name holding a newline or a
    /// backslash, so such rare names go to <c>sha256sum -z</c>, which never escapes. Batches run in parallel,
    /// each into its own temp file, so records never interleave.
    /// </summary>
    public const string Hash = """
        cd -- "$1" || exit 41
        shift
        if command -v openssl >/dev/null 2>&1; then MS_TOOL=openssl; else MS_TOOL=sha256sum; fi
        export MS_TOOL
        w=$(nproc 2>/dev/null) || w=2
        [ "$w" -gt 4 ] && w=4
        t=$(mktemp -d) || exit 42
        trap 'rm -rf "$t"' EXIT
        if [ $# -gt 0 ]; then printf './%s\0' "$@"; else find . -type f -print0; fi |
          xargs -0 -r -P "$w" -n 16 sh -c '
            o=$(mktemp -p "$0") || exit 1
            if [ "$MS_TOOL" != openssl ]; then exec sha256sum -z -- "$@" > "$o"; fi
            nl="
        "
            st=0 n=$#
            while [ "$n" -gt 0 ]; do
              f=$1; shift; n=$((n - 1))
              case $f in
                *"$nl"*|*\\*) sha256sum -z -- "$f" >> "$o" || st=1 ;;
                *) set -- "$@" "$f" ;;
              esac
            done
            if [ $# -gt 0 ]; then
              openssl dgst -sha256 -r "$@" > "$o.lines" || st=1
              tr "\n" "\0" < "$o.lines" >> "$o"
              rm -f "$o.lines"
            fi
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
    /// A seed is renamed into place only once complete.
    /// </summary>
    public const string PrepareStage = """
        mkdir -p -- "$(dirname -- "$2")" || exit 1
        if [ -e "$2" ] || [ -L "$2" ]; then
          if { [ "$5" = d ] && [ -d "$2" ]; } || { [ "$5" = f ] && [ ! -d "$2" ]; }; then exit 0; fi
          rm -rf -- "$2" || exit 1
        fi
        rm -rf -- "$3"
        case $4 in
          seed) cp -al -- "$1" "$3" && mv -T -- "$3" "$2" ;;
          dir) mkdir -- "$2" ;;
        esac
        """;

    /// <summary>
    /// $1: stage, $2: target, $3: name for the old target. A file replaces a file in one atomic rename;
    /// otherwise two renames (target aside, stage in), the old one is restored if the second fails.
    /// </summary>
    public const string Publish = """
        s=$1 t=$2 old=$3
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

    /// <summary>$1: path to remove, file or tree.</summary>
    public const string Remove = """rm -rf -- "$1" """;
}
