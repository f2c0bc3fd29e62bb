using System.Diagnostics;

namespace ModelSync.Tests.Support;

/// <summary>The one way the unit tests start a local program: an argument list, never a shell line.</summary>
public static class TestProcess
{
    /// <summary>Runs <paramref name="program"/> to the end; its raw stdout bytes. Throws with its stderr unless it exits 0.</summary>
    public static byte[] RunBytes(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + program);
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited {process.ExitCode}: {stderr.GetAwaiter().GetResult()}");
        return stdout.ToArray();
    }
}
