using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// Streams whose whole files share new directories: with files of one size spread over the streams in turn, every
/// stream's tar needs each directory at about the same moment. GNU tar gives up on a file ("Cannot open: No such
/// file or directory") when another process makes its directory between its open and its own mkdir; before the
/// receivers made the directories first, four of five such pushes of 1,600 files failed that way.
/// </summary>
[Collection("sshd")]
public sealed class StreamDirectoryRaceTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task StreamsUnpackingIntoTheSameNewDirectoriesAllArrive()
    {
        var name = "dirrace-" + Id;
        var tree = Tree(name);
        for (var d = 0; d < 300; d++)
            for (var f = 0; f < 4; f++) tree.RandomFile($"tokenizers/lang_{d:000}/part_{f}.bin", 1000, seed: d * 4 + f);
        var source = tree.SetAllTimes(DateTime.UtcNow.AddHours(-1)).Root;

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var target = $"{name}-{attempt}";
            var push = await CliRunner.RunAsync(["push", "./" + name, "alpha:" + target, "--streams", "4", "--json"], ConfigPath, null, Work);

            CliAssert.Exit(push, 0);
            using var json = JsonDocument.Parse(push.Stdout);
            Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
            Assert.StartsWith("4 parallel streams", json.RootElement.GetProperty("transport").GetString(), StringComparison.Ordinal);
            TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, target));
        }

        var pull = await CliRunner.RunAsync(["pull", $"alpha:{name}-0", "./back/", "--streams", "4"], ConfigPath, null, Work);

        CliAssert.Exit(pull, 0);
        TreeComparer.AssertSameTree(source, Path.Combine(Work, "back", name + "-0"));
    }
}
