using ModelSync.Config;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Transfer;

namespace ModelSync.Tests.Transfer;

public sealed class EchoRoundTripTests
{
    private static readonly ProcessRunner Runner = new();

    [Fact]
    public async Task AnEchoThatAnswersIsTimed()
    {
        var here = new LocalRemote(new ServerAlias("local", null, null, null, "/m", null, []), Runner);

        var measured = await EchoRoundTrip.MeasureAsync(Runner, here.EchoBackProcess(EchoRoundTrip.Echoes), CancellationToken.None);

        Assert.NotNull(measured);
        Assert.True(measured > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("exit 0")]
    [InlineData("printf .")]
    [InlineData("printf .; cat >/dev/null")]
    [InlineData("printf .; dd bs=1 count=1 2>/dev/null; exit 3")]
    public async Task AnEchoThatDoesNotAnswerOrFailsMeasuresNothing(string script)
    {
        var measured = await EchoRoundTrip.MeasureAsync(Runner, new ProcessSpec("/bin/sh", ["-c", script]), CancellationToken.None, TimeSpan.FromSeconds(1));

        Assert.Null(measured);
    }
}
