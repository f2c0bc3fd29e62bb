using System.Diagnostics;

namespace ModelSync.Tests.Support;

/// <summary>Runs a local program with an argument list and returns its raw stdout bytes.</summary>
public static class LocalProcess
{
    public static byte[] Run(string program, IEnumerable<string> arguments)
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
