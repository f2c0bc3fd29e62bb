using System.Runtime.InteropServices;

namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// Sends a signal straight from the test process: starting <c>kill</c> as a child can take seconds on a loaded
/// machine, long enough for the operation the signal should interrupt to finish first.
/// </summary>
internal static class Signal
{
    private const int SigInt = 2;
    private static readonly IntPtr Default = IntPtr.Zero;

    /// <summary>
    /// Sends SIGINT to <paramref name="pid"/>. A process started with SIGINT ignored keeps ignoring it (so does
    /// model-sync, as a job started with <c>&amp;</c> should), and a test run started in the background by a shell
    /// without job control passes that on to every child: such a test host first puts SIGINT back to its default,
    /// for the children it starts from then on.
    /// </summary>
    public static void Interrupt(int pid)
    {
        if (Kill(pid, SigInt) != 0) throw new InvalidOperationException($"kill({pid}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Call before starting a child that a test will interrupt.</summary>
    public static void LetChildrenBeInterrupted()
    {
        if (IsIgnored(SigInt)) SetHandler(SigInt, Default);
    }

    /// <summary>Reads the ignored-signals mask the kernel reports, so a handler the runtime installed is never touched.</summary>
    private static bool IsIgnored(int signal)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16);
        return (mask & (1UL << (signal - 1))) != 0;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr SetHandler(int signal, IntPtr handler);
}
