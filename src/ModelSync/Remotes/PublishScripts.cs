namespace ModelSync.Remotes;

/// <summary>The fixed POSIX sh script that tells where an interrupted publish stands. As in <see cref="RemoteScripts"/>, data arrives only as <c>$1…</c>.</summary>
public static class PublishScripts
{
    /// <summary>
    /// $1: stage, $2: name of the old target, $3: target. While both the stage and the old name exist a publish may be
    /// under way (removing a leftover, or between its two renames): wait up to 20 s for it. Then one word: published
    /// (stage gone, target there), kept (stage there, nothing under way), busy (still under way) or gone (neither).
    /// </summary>
    public const string State = """
        s=$1 old=$2 t=$3
        there() { [ -e "$1" ] || [ -L "$1" ]; }
        i=0
        while there "$s" && there "$old" && [ "$i" -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
        if there "$s"; then
          if there "$old"; then echo busy; else echo kept; fi
        elif there "$t"; then echo published
        else echo gone
        fi
        """;
}
