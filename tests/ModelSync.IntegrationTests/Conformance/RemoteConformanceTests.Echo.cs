using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>The echo that times the round trip to a place without a process start in the measurement.</summary>
public abstract partial class RemoteConformanceTests
{
    [Fact]
    public async Task TheEchoSaysItRunsThenSendsBackTheBytesItWasAskedFor()
    {
        var echo = ((ShellRemote)Remote).EchoBackProcess(2) with { Stdin = "abc"u8.ToArray() };

        var result = await ProcessRunner.Instance.RunAsync(echo, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(".ab"u8.ToArray(), result.Stdout);
    }
}
