namespace ModelSync.Publishing;

/// <summary>
/// Which machine, and which process-id space on it, a lock holder's pid belongs to: the machine id
/// (<c>/etc/machine-id</c>, else <c>/var/lib/dbus/machine-id</c>) and the pid namespace, as
/// <c>MACHINE-ID/pid:[INODE]</c>. A hostname alone does not say it: clones of one VM image and containers
/// often share a hostname, and a pid there says nothing about the processes here.
/// Null when this machine has no machine id: then no lock is ever judged by its pid (only by its age).
/// </summary>
public static class MachineIdentity
{
    private static readonly string[] MachineIdFiles = ["/etc/machine-id", "/var/lib/dbus/machine-id"];

    public static string? Current { get; } = Read();

    private static string? Read()
    {
        var id = MachineIdFiles.Select(ReadId).FirstOrDefault(i => i is not null);
        return id is null ? null : id + "/" + PidNamespace();
    }

    /// <summary>The file's id when it holds one: 32 lower-case hex digits (systemd's format; an empty file is a machine not yet set up).</summary>
    private static string? ReadId(string file)
    {
        try
        {
            var text = File.ReadAllText(file).Trim();
            return ModelSync.Hashing.LowerHex.Is(text, 32) ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary><c>pid:[INODE]</c>: containers on one machine share its machine id, but each has its own pids.</summary>
    private static string PidNamespace()
    {
        try
        {
            return new FileInfo("/proc/self/ns/pid").LinkTarget ?? "pid:?";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "pid:?";
        }
    }
}
