using ModelSync.Processes;

namespace ModelSync.Remotes;

public abstract partial class ShellRemote
{
    /// <summary>The process that echoes <paramref name="bytes"/> bytes of its stdin back from this place (<see cref="RemoteScripts.EchoBack"/>), over its open connection.</summary>
    public ProcessSpec EchoBackProcess(int bytes) => ScriptProcess(RemoteScripts.EchoBack, [bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
}
