using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Fleet;

/// <summary>
/// Tests against the eight-server fleet: a working directory and a config per test, with the groups
/// <c>@fleet</c> (s1…s8), <c>@pair</c> (s1, s2) and <c>@broken</c> (s1…s8 and one alias on a closed port).
/// </summary>
public abstract class FleetTestBase
{
    protected const string Groups = """
          fleet: [s1, s2, s3, s4, s5, s6, s7, s8]
          pair: [s1, s2]
          broken: [s1, s2, s3, s4, s5, s6, s7, s8, gone]
        """;

    protected FleetTestBase(SshdFleetFixture fleet)
    {
        Fleet = fleet;
        Id = Guid.NewGuid().ToString("N")[..8];
        Work = Path.Combine(fleet.Servers[0].Root, "work-" + Id);
        Directory.CreateDirectory(Work);
        var first = fleet.Servers[0];
        ConfigPath = fleet.WriteConfig(Work, Groups, TestConfig.Ssh(first, "gone", first.BaseA) with { Port = ClosedPort.Get() });
    }

    protected SshdFleetFixture Fleet { get; }

    protected string Id { get; }

    protected string Work { get; }

    protected string ConfigPath { get; }

    protected static IReadOnlyList<string> Aliases => SshdFleetFixture.Aliases;

    protected string BaseOf(string alias) => Fleet[alias].BaseA;

    /// <summary>A small model (a few files, one of 200 KB) under <see cref="Work"/>; returns its name.</summary>
    protected string SmallModel(string model)
    {
        var name = $"RTX3090_N2501_{model}_{Id[..6].Replace('a', '1').Replace('b', '2').Replace('c', '3').Replace('d', '4').Replace('e', '5').Replace('f', '6')}";
        new TreeBuilder(Path.Combine(Work, name))
            .File("config.pbtxt", "name: \"" + name + "\"\n")
            .RandomFile("1/model.onnx", 200_000, seed: 6)
            .File("tokenizer/vocab.txt", "a\nb\nc\n");
        return name;
    }

    protected Task<CliResult> Cli(params string[] args) => CliRunner.RunAsync(args, ConfigPath, workingDirectory: Work);
}
