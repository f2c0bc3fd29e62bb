using System.Diagnostics;
using System.Runtime.Versioning;
using ModelSync.Paths;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

/// <summary>
/// <c>publish-state.sh</c>, asked after this machine stopped waiting for a publish: a stage beside an old name is a
/// publish under way only while one runs (publish.sh removes an earlier leftover, then swaps); a stage kept beside a
/// previous version that could not be removed stays so, and is said at once. Run by this machine's dash, as the server's sh.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PublishStateScriptTests : IDisposable
{
    private readonly TempDirectory _dir = new("ms-publish-state");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AStageKeptBesideAPreviousVersionLeftIsKept()
    {
        // Before: 20 s of waiting, then "busy", which the push reported as not knowing whether the new version was in place.
        var (stage, old, target) = Places();

        Assert.Equal("kept", Run(RemoteScripts.PublishState, "publish-state", stage, old, target));
    }

    [Fact]
    public void APublishRemovingTheLeftoverBeforeItsSwapIsWaitedFor()
    {
        var (stage, old, target) = Places();
        // As publish.sh is run (its arguments: the stage, the target, the old name): the leftover goes, then the swap.
        const string Publishing = "sleep 1; rm -rf -- \"$3\" && mv -T -- \"$2\" \"$3\" && mv -T -- \"$1\" \"$2\" && rm -rf -- \"$3\"";
        using var publish = Start("sh", "-c", Publishing, "sh", stage, target, old);

        var state = Run(RemoteScripts.PublishState, "publish-state", stage, old, target);
        publish.WaitForExit();

        Assert.Equal("published", state);
        Assert.Equal("new", File.ReadAllText(Path.Join(target, "w")));
    }

    private (string Stage, string Old, string Target) Places()
    {
        var target = Path.Join(_dir.Path, "m");
        string[] places = [StageNames.Stage(target), StageNames.Old(target), target];
        foreach (var (place, text) in places.Zip(["new", "previous", "live"]))
        {
            Directory.CreateDirectory(place);
            File.WriteAllText(Path.Join(place, "w"), text);
        }
        return (places[0], places[1], places[2]);
    }

    private static Process Start(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
    }

    private static string Run(string script, string name, params string[] arguments)
    {
        var info = new ProcessStartInfo("dash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", script, name, .. arguments]) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dash");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = stderr.GetAwaiter().GetResult();
        return stdout.Trim();
    }
}
