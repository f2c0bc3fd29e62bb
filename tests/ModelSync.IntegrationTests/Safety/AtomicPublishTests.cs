using System.Globalization;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// A model server polling the target while new versions are pushed over old ones sees one whole version at a
/// time, never a mix. Each version writes its number into every file; a snapshot is read between two reads
/// of the <c>version</c> file, and one that straddles a publish (the two reads differ) proves nothing and is
/// set aside rather than counted.
/// </summary>
[Collection("sshd")]
public sealed class AtomicPublishTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const int Files = 24;

    [Fact]
    public async Task AnObserverNeverSeesAMixedSnapshotOverRepeatedPushes()
    {
        var name = "observed-" + Id;
        var target = Path.Combine(Sshd.BaseA, name);
        CliAssert.Exit(await Cli("push", Version(1), "alpha:" + name), 0);

        using var stop = new CancellationTokenSource();
        var observer = Task.Run(() => Observe(target, stop.Token));
        for (var version = 2; version <= 6; version++)
            CliAssert.Exit(await Cli("push", Version(version), "alpha:" + name), 0);
        await stop.CancelAsync();
        var (whole, mixed, straddled) = await observer;

        Assert.True(mixed.Count == 0, "mixed snapshots: " + string.Join("; ", mixed.Take(5)));
        Assert.True(whole > 20, $"only {whole} whole snapshots ({straddled} straddled a publish)");
        Assert.Equal("6", await File.ReadAllTextAsync(Path.Combine(target, "version")));
    }

    private string Version(int version)
    {
        var tree = Tree($"v{version}");
        tree.File("version", version.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < Files; i++)
            tree.File($"1/shard-{i:00}.bin", $"version {version} shard {i} " + new string('x', 32 * 1024));
        return tree.Root;
    }

    private static (int Whole, List<string> Mixed, int Straddled) Observe(string target, CancellationToken stop)
    {
        var (whole, straddled) = (0, 0);
        var mixed = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            var before = TryRead(Path.Combine(target, "version"));
            if (before is null) continue; // the instant between the two renames: absent, never partial
            var seen = Enumerable.Range(0, Files).Select(i => TryRead(Path.Combine(target, "1", $"shard-{i:00}.bin"))).ToList();
            var after = TryRead(Path.Combine(target, "version"));
            if (after != before)
            {
                straddled++;
                continue;
            }
            var wrong = seen.Select((text, i) => (text, i)).Where(s => s.text is null || !s.text.StartsWith($"version {before} shard {s.i} ", StringComparison.Ordinal)).ToList();
            if (wrong.Count == 0) whole++;
            else mixed.Add($"version {before}: shard {wrong[0].i} read as '{Start(wrong[0].text)}'");
        }
        return (whole, mixed, straddled);
    }

    private static string Start(string? text) => text is null ? "(missing)" : text[..Math.Min(20, text.Length)];

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
