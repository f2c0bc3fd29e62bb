using System.Runtime.InteropServices;

namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// Sends a signal straight from the test process: starting <c>kill</c> as a child can take seconds on a loaded
/// machine, long enough for the operation the signal should interrupt to finish first.
/// </summary>
internal static class Signal
{
    private const int SigInt = 2;

    public static void Interrupt(int pid)
    {
        if (Kill(pid, SigInt) != 0) throw new InvalidOperationException($"kill({pid}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
