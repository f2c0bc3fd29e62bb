using System.Runtime.Versioning;
using ModelSync.IntegrationTests.Support;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>Permission bits: what a scan reads, and what the one call before a send compares.</summary>
public abstract partial class RemoteConformanceTests
{

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task ScanReadsEachFilesPermissionBits()
    {
        var model = Path.Join(Root, "modes");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Join(model, "run.sh"), "#!/bin/sh\n");
        File.WriteAllText(Path.Join(model, "secret.key"), "k");
        File.SetUnixFileMode(Path.Join(model, "run.sh"), ModeBits.Plain | UnixFileMode.UserExecute | UnixFileMode.SetUser);
        File.SetUnixFileMode(Path.Join(model, "secret.key"), UnixFileMode.UserRead);

        var tree = (await Remote.ScanAsync(model, CancellationToken.None))!;

        Assert.Equal(Convert.ToInt32("4744", 8), tree.Files.Single(f => f.Path == "run.sh").Mode);
        Assert.Equal(Convert.ToInt32("400", 8), tree.Files.Single(f => f.Path == "secret.key").Mode);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task ATargetWhoseFileDiffersOnlyByModeDoesNotHoldTheModel()
    {
        var target = Path.Join(Root, "chmodded");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Join(target, "run.sh"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Join(target, "run.sh"), ModeBits.Plain);
        var scanned = (await Remote.ScanAsync(target, CancellationToken.None))!;
        var source = scanned with { Entries = [.. scanned.Entries.Select(e => e with { Mode = Convert.ToInt32("755", 8) })] };

        var start = await Remote.StartTargetAsync(target, new TargetStartRequest(source, Me, ExtrasUnderLock: true, RoomNeeded: 1), CancellationToken.None);

        Assert.Equal(TargetStartState.Locked, start.State);
        Assert.Equal(ModeBits.Plain, File.GetUnixFileMode(Path.Join(target, "run.sh")));
        await Remote.ReleaseLockAsync(target, Me.Token, CancellationToken.None);
    }
}
