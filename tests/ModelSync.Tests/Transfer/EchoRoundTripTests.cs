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

    [Fact]
    public async Task MoreEchoesAreTimedWhileSomethingElseIsPendingAndOneWhenNothingIs()
    {
        using var dir = new Support.TempDirectory("ms-echo");
        var counted = Path.Join(dir.Path, "count");
        // Echoes each byte and, once its stdin ends, writes how many it echoed.
        var script = "printf .; n=0; while c=$(dd bs=1 count=1 2>/dev/null) && [ -n \"$c\" ]; do printf %s \"$c\"; n=$((n+1)); done; echo $n > \"$1\"";
        var echo = new ProcessSpec("/bin/sh", ["-c", script, "echo", counted]);

        await EchoRoundTrip.MeasureAsync(Runner, echo, CancellationToken.None, whilePending: Task.Delay(TimeSpan.FromMilliseconds(300)));
        var whilePending = int.Parse(File.ReadAllText(counted), System.Globalization.CultureInfo.InvariantCulture);
        await EchoRoundTrip.MeasureAsync(Runner, echo, CancellationToken.None, whilePending: Task.CompletedTask);
        var alone = int.Parse(File.ReadAllText(counted), System.Globalization.CultureInfo.InvariantCulture);

        Assert.InRange(whilePending, 2, EchoRoundTrip.MostEchoes);
        Assert.Equal(EchoRoundTrip.Echoes, alone);
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
