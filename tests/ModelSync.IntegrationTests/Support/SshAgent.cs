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
        var agent = new SshAgent(TestProcess.Start("ssh-agent", ["-D", "-a", socket]), socket);
        await Eventually.TrueAsync(() => File.Exists(socket), TimeSpan.FromSeconds(5), "ssh-agent to create its socket");
        return agent;
    }

    public async Task AddAsync(string key)
    {
        var add = await TestProcess.RunAsync("ssh-add", [key], environment: new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = Socket });
        Assert.True(add.ExitCode == 0, "ssh-add failed: " + add.Stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
