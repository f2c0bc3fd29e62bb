using System.Runtime.InteropServices;

namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// The process group a command run by the fixture's sshd runs in (sshd starts each in a session of its own), found by
/// what its command line holds, to be stopped and continued as a whole: a server-side step held still for as long as a
/// test needs, whatever the machine's speed, without changing what the step does.
/// </summary>
internal sealed class ServerProcessGroup
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    private ServerProcessGroup(int id) => Id = id;

    public int Id { get; }

    /// <summary>
    /// The group of a process that sshd started (the leader of its session is an sshd process's child: the client's
    /// ssh, and the watchdog shell in front of it, carry the remote command in their command lines too), whose command
    /// line holds every one of <paramref name="fragments"/>; null when there is none now.
    /// </summary>
    public static ServerProcessGroup? Find(params string[] fragments)
    {
        foreach (var (pid, _, line) in ProcessTable.Entries())
        {
            if (!fragments.All(f => line.Contains(f, StringComparison.Ordinal))) continue;
            if (Fields(pid) is not { } fields || Fields(fields.Session) is not { } leader) continue;
            if (fields.Group <= 1 || fields.Group == GetProcessGroup() || ProcessTable.Read($"/proc/{leader.Parent}/comm")?.StartsWith("sshd", StringComparison.Ordinal) != true) continue;
            return new ServerProcessGroup(fields.Group);
        }
        return null;
    }

    /// <summary>stat's parent, group and session: <c>pid (comm) state ppid pgrp session …</c>, counted from the last ')' (comm may hold any byte).</summary>
    private static (int Parent, int Group, int Session)? Fields(int pid)
    {
        if (ProcessTable.Read($"/proc/{pid}/stat") is not { } stat) return null;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        static int Number(string s) => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        return (Number(fields[1]), Number(fields[2]), Number(fields[3]));
    }

    /// <summary>Whether any process of the group is still there.</summary>
    public bool IsAlive => Kill(-Id, 0) == 0;

    public void Stop() => Send(SigStop);

    public void Continue() => Send(SigCont);

    private void Send(int signal)
    {
        if (Kill(-Id, signal) != 0) throw new InvalidOperationException($"kill(-{Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "getpgrp")]
    private static extern int GetProcessGroup();
}
