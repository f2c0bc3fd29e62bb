using System.Diagnostics;
using System.Text;

namespace ModelSync.IntegrationTests.Support;

/// <summary>What a finished process left: its exit code and everything it wrote.</summary>
public readonly record struct ProcessOutput(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// The one way the integration tests start a local program (other than the CLI under test, see CliRunner):
/// arguments as a list, never through a shell line, stdin closed unless the caller wants to type, output captured.
/// </summary>
public static class TestProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Starts <paramref name="fileName"/> with stdin, stdout and stderr redirected, for a program that keeps
    /// running (sshd, ssh-agent, a terminal session). <paramref name="environment"/>: null values remove a variable.
    /// </summary>
    public static Process Start(
        string fileName,
        IEnumerable<string> args,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) psi.Environment.Remove(key);
            else psi.Environment[key] = value;
        }

        return Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {fileName}.");
    }

    /// <summary>Runs <paramref name="fileName"/> to the end (killed after <paramref name="timeout"/>, which then throws); its output.</summary>
    public static async Task<ProcessOutput> RunAsync(
        string fileName,
        IEnumerable<string> args,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var argList = args.ToList();
        using var process = Start(fileName, argList, workingDirectory, environment);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var limit = timeout ?? DefaultTimeout;
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw new TimeoutException($"{fileName} {string.Join(' ', argList)} did not finish within {limit.TotalSeconds:0} s and was killed.");
        }

        return new ProcessOutput(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a local tool (mount, ssh-keygen, touch, …) and fails with its output unless it exits 0; its stdout.</summary>
    public static async Task<string> RunOkAsync(string fileName, params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunAsync(fileName, args);
        Assert.True(exitCode == 0, $"{fileName} {string.Join(' ', args)} exited {exitCode}:\n{stdout}{stderr}");
        return stdout;
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> to the end and returns its stdout as raw bytes (names that are not UTF-8
    /// survive); fails with its stderr unless it exits 0.
    /// </summary>
    public static byte[] RunBytes(string fileName, IEnumerable<string> args)
    {
        var argList = args.ToList();
        using var process = Start(fileName, argList);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        if (!process.WaitForExit(DefaultTimeout))
        {
            Kill(process);
            throw new TimeoutException($"{fileName} {string.Join(' ', argList)} did not finish within {DefaultTimeout.TotalSeconds:0} s and was killed.");
        }

        Assert.True(process.ExitCode == 0, $"{fileName} exited {process.ExitCode}: {stderr.GetAwaiter().GetResult()}");
        return stdout.ToArray();
    }

    /// <summary>Ends <paramref name="process"/> and everything it started; nothing when it already ended.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // exited meanwhile
        }
    }
}
