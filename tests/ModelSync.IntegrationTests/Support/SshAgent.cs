using System.Diagnostics;

namespace ModelSync.IntegrationTests.Support;

/// <summary>An <c>ssh-agent</c> of the test's own, in the foreground on a socket it names; disposing ends it (by its pid).</summary>
public sealed class SshAgent : IAsyncDisposable
{
    private readonly Process _process;

    private SshAgent(Process process, string socket)
    {
        _process = process;
        Socket = socket;
    }

    public string Socket { get; }

    public static async Task<SshAgent> StartAsync(string socket)
    {
        var info = new ProcessStartInfo("ssh-agent") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-D", "-a", socket }) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start ssh-agent");
        var agent = new SshAgent(process, socket);
        for (var i = 0; i < 100 && !File.Exists(socket); i++) await Task.Delay(50);
        Assert.True(File.Exists(socket), "ssh-agent did not create its socket");
        return agent;
    }

    public async Task AddAsync(string key)
    {
        var info = new ProcessStartInfo("ssh-add") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(key);
        info.Environment["SSH_AUTH_SOCK"] = Socket;
        using var add = Process.Start(info) ?? throw new InvalidOperationException("cannot start ssh-add");
        var stderr = await add.StandardError.ReadToEndAsync();
        await add.WaitForExitAsync();
        Assert.True(add.ExitCode == 0, "ssh-add failed: " + stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
