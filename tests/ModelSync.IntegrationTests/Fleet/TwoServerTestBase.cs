using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Fleet;

/// <summary>
/// Tests against two servers: <c>reaper</c> (the first sshd, model_base its BaseA) and <c>doomfist</c> (the second).
/// Each test gets its own <see cref="Id"/> and working directory; names on the servers carry the id.
/// </summary>
public abstract class TwoServerTestBase
{
    protected TwoServerTestBase(TwoServersFixture servers)
    {
        Reaper = servers.First;
        Doomfist = servers.Second;
        Id = Guid.NewGuid().ToString("N")[..8];
        Work = Path.Combine(Reaper.Root, "work-" + Id);
        Directory.CreateDirectory(Work);
    }

    protected SshdFixture Reaper { get; }

    protected SshdFixture Doomfist { get; }

    protected string Id { get; }

    protected string Work { get; }

    protected string ReaperBase => Reaper.BaseA;

    protected string DoomfistBase => Doomfist.BaseA;

    /// <summary>A config with both servers; <paramref name="reaper"/> and <paramref name="doomfist"/> are extra YAML lines for each.</summary>
    protected string Config(IReadOnlyList<string>? reaper = null, IReadOnlyList<string>? doomfist = null) =>
        TestConfig.Write(Work,
            TestConfig.Ssh(Reaper, "reaper", ReaperBase) with { Raw = reaper ?? [] },
            TestConfig.Ssh(Doomfist, "doomfist", DoomfistBase) with { Raw = doomfist ?? [] });

    /// <summary>See <see cref="TestConfig.DirectAccess"/>.</summary>
    protected static IReadOnlyList<string> DirectAccess(SshdFixture server, bool withKey = true) => TestConfig.DirectAccess(server, withKey);

    protected TreeBuilder Tree(string relative) => new(Path.Combine(Work, relative));

    protected Task<CliResult> Cli(string config, params string[] args) => CliRunner.RunAsync(args, config, workingDirectory: Work);

    protected async Task<CliResult> CliOk(string config, params string[] args)
    {
        var result = await Cli(config, args);
        CliAssert.Exit(result, 0);
        return result;
    }
}
