using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;

namespace ModelSync.IntegrationTests.Support;

/// <summary>What a run under <c>MODEL_SYNC_TRACE=1</c> says it started: the scripts it ran on a server, and rsync.</summary>
public static partial class TracedCalls
{
    /// <summary>The scripts run over ssh after the connect (its probe), in order.</summary>
    public static List<string> ServerCalls(CliResult result) =>
        [.. result.Stderr.Split('\n').Select(l => SshScript().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).Where(s => s != "probe.sh")];

    /// <summary>Whether the trace line <paramref name="line"/> is a run of rsync.</summary>
    public static bool IsRsyncRun(string line) => RsyncRun().IsMatch(line);

    /// <summary>Whether the run started rsync at all.</summary>
    public static bool RanRsync(CliResult result) => result.Stderr.Split('\n').Any(IsRsyncRun);

    [GeneratedRegex(@"^trace: .* exit +-?\d+ ssh \[([a-z-]+\.sh)\]")]
    private static partial Regex SshScript();

    [GeneratedRegex(@"^trace: .* exit +-?\d+ rsync ")]
    private static partial Regex RsyncRun();
}
