using ModelSync.Processes;

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
    public static string Inspect => field ??= ScriptFiles.Load(RemoteScripts.HashTools, "doctor-inspect.sh");

    /// <summary>
    /// $1: model_base (absolute). <c>state=</c> <c>directory</c>, <c>not-a-directory</c> or <c>missing</c> (then
    /// <c>ancestor=</c> its nearest existing ancestor, which is what gets tested); <c>writable=yes</c> after creating
    /// and removing a temp file there, <c>writable=leftover</c> when the temp file could not be removed, or
    /// <c>writable=no</c> and <c>error=</c> mktemp's message; <c>free=</c> free KiB there.
    /// </summary>
    public static string ModelBase => ScriptFiles.Load("doctor-model-base.sh");
}
