using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Remotes;

namespace ModelSync.Tests.Remotes;

public sealed class SshFailureTests
{
    private static readonly ServerAlias Reaper = new("reaper", "reaper.internal", "june", 2222, "/models", null, []);

    private const string HostKeyChanged = """
        @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
        @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
        @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
        IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
        Someone could be eavesdropping on you right now (man-in-the-middle attack)!
        It is also possible that a host key has just been changed.
        The fingerprint for the ED25519 key sent by the remote host is
        SHA256:4Xb1wQk0n3cY1kYxq4dM7yZb6m2nEo0vJr1aT2pQ9lQ.
        Please contact your system administrator.
        Add correct host key in /home/june/.ssh/known_hosts to get rid of this message.
        Offending ED25519 key in /home/june/.ssh/known_hosts:12
        Host key for [reaper.internal]:2222 has changed and you have requested strict checking.
        Host key verification failed.
        """;

    /// <summary>ssh's stderr, what the message must say, what the fix must say.</summary>
    public static TheoryData<string, string, string[]> Cases => new()
    {
        {
            "ssh: Could not resolve hostname reaper.internal: Name or service not known",
            "cannot resolve host 'reaper.internal' of server 'reaper'",
            ["servers --check", "host:"]
        },
        {
            "ssh: Could not resolve hostname reaper.internal: Temporary failure in name resolution",
            "cannot resolve host 'reaper.internal'",
            ["servers --check"]
        },
        {
            "ssh: connect to host reaper.internal port 2222: Connection refused",
            "cannot reach reaper.internal:2222 ('reaper'): ssh: connect to host reaper.internal port 2222: Connection refused",
            ["servers --check", "port"]
        },
        {
            "ssh: connect to host reaper.internal port 2222: Connection timed out",
            "cannot reach reaper.internal:2222 ('reaper')",
            ["servers --check"]
        },
        {
            "ssh: connect to host reaper.internal port 2222: No route to host",
            "cannot reach reaper.internal:2222 ('reaper')",
            ["servers --check"]
        },
        {
            "No ED25519 host key is known for [reaper.internal]:2222 and you have requested strict checking.\r\nHost key verification failed.\r\n",
            "the host key of reaper.internal:2222 ('reaper') is not known",
            ["ssh -p 2222 june@reaper.internal", "StrictHostKeyChecking: accept-new"]
        },
        {
            "Host key verification failed.",
            "the host key of reaper.internal:2222 ('reaper') is not known",
            ["accept-new"]
        },
        {
            HostKeyChanged,
            "the host key of reaper.internal:2222 ('reaper') has changed",
            ["ssh-keygen -R"]
        },
        {
            "june@reaper.internal: Permission denied (publickey).",
            "authentication to reaper.internal:2222 ('reaper') failed",
            ["ssh-add -l", "ssh_key"]
        },
        {
            "june@reaper.internal: Permission denied (publickey,password).",
            "authentication to reaper.internal:2222 ('reaper') failed",
            ["ssh-add -l", "ssh_key"]
        },
        {
            "Received disconnect from 10.0.0.7 port 2222:2: Too many authentication failures\nDisconnected from 10.0.0.7 port 2222",
            "authentication to reaper.internal:2222 ('reaper') failed",
            ["ssh-add -l"]
        },
        {
            "Warning: Identity file /home/june/.ssh/missing not accessible: No such file or directory.\njune@reaper.internal: Permission denied (publickey).",
            "authentication to reaper.internal:2222 ('reaper') failed",
            ["ssh_key"]
        },
        {
            "kex_exchange_identification: read: Connection reset by peer\nConnection reset by 10.0.0.7 port 2222",
            "cannot reach reaper.internal:2222 ('reaper'): Connection reset by 10.0.0.7 port 2222",
            ["servers --check"]
        },
        {
            "something nobody foresaw\n\nlast words\n",
            "ssh to reaper.internal:2222 ('reaper') failed: last words",
            ["servers --check"]
        },
        {
            "",
            "ssh to reaper.internal:2222 ('reaper') failed: no message",
            ["servers --check"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void StderrIsTurnedIntoOneLineWithTheRightRemedy(string stderr, string message, string[] fixFragments)
    {
        var error = SshFailure.Classify(Reaper, stderr);

        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.NotNull(error.Fix);
        foreach (var fragment in fixFragments) Assert.Contains(fragment, error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultPortIsShownWhenNoneIsConfigured()
    {
        var alias = new ServerAlias("gpu", "gpu1", null, null, "/models", null, []);

        var error = SshFailure.Classify(alias, "ssh: connect to host gpu1 port 22: Connection refused");

        Assert.StartsWith("cannot reach gpu1:22 ('gpu')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownHostKeyFixShowsThePlainSshCommandWithoutPortOrUser()
    {
        var alias = new ServerAlias("gpu", "gpu1", null, null, "/models", null, []);

        var error = SshFailure.Classify(alias, "Host key verification failed.");

        Assert.Contains("`ssh gpu1`", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void HostKeyAlgorithmMismatchIsNotReportedAsAnUnknownHostKey()
    {
        // The server only offers key types this client no longer accepts: accepting "the key" cannot help.
        var error = SshFailure.Classify(Reaper, "Unable to negotiate with 10.0.0.7 port 2222: no matching host key type found. Their offer: ssh-rsa,ssh-dss");

        Assert.DoesNotContain("is not known", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("accept-new", error.Fix, StringComparison.Ordinal);
        Assert.Contains("no matching host key type found", error.Message, StringComparison.Ordinal);
    }
}
