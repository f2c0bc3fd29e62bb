using System.Globalization;
using System.Text;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Fixtures;

/// <summary>
/// Eight independent servers on loopback: eight <see cref="SshdFixture"/> instances, each with its own port,
/// keys, known_hosts and model_base (its <see cref="SshdFixture.BaseA"/>), started at the same time. Like the
/// single fixture it never skips: any sshd that does not come up fails the suite.
/// </summary>
public sealed class SshdFleetFixture : IAsyncLifetime
{
    public const int Size = 8;

    public IReadOnlyList<SshdFixture> Servers { get; } = Enumerable.Range(0, Size).Select(_ => new SshdFixture()).ToList();

    /// <summary>The aliases the configs give the servers, in order: s1 … s8.</summary>
    public static IReadOnlyList<string> Aliases { get; } = Enumerable.Range(1, Size).Select(i => "s" + i.ToString(CultureInfo.InvariantCulture)).ToList();

    public SshdFixture this[string alias] => Servers[Aliases.ToList().IndexOf(alias)];

    public Task InitializeAsync() => Task.WhenAll(Servers.Select(s => s.InitializeAsync()));

    public Task DisposeAsync() => Task.WhenAll(Servers.Select(s => s.DisposeAsync()));

    /// <summary>
    /// A config with s1…s8 (model_base: each server's BaseA), any <paramref name="extra"/> aliases, and
    /// <paramref name="groupsYaml"/> lines under <c>groups:</c>, written into <paramref name="directory"/>.
    /// </summary>
    public string WriteConfig(string directory, string groupsYaml, params AliasSpec[] extra) => WriteConfig(directory, groupsYaml, _ => [], extra);

    /// <summary>As above, with <paramref name="lines"/> giving each of s1…s8 extra YAML lines (such as <c>direct:</c>).</summary>
    public string WriteConfig(string directory, string groupsYaml, Func<string, IReadOnlyList<string>> lines, params AliasSpec[] extra)
    {
        var aliases = Servers.Select((s, i) => TestConfig.Ssh(s, Aliases[i], s.BaseA) with { Raw = lines(Aliases[i]) }).Concat(extra).ToArray();
        var path = TestConfig.Write(directory, aliases);
        File.AppendAllText(path, new StringBuilder("groups:\n").Append(groupsYaml).Append('\n').ToString());
        return path;
    }
}

/// <summary>
/// Tests in this collection share the eight servers. They run on their own, after the other collections: eight
/// servers starting and serving at once would otherwise slow the timing-sensitive interruption tests beside them.
/// </summary>
[CollectionDefinition("sshd fleet", DisableParallelization = true)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "xunit collection definition naming.")]
public sealed class SshdFleetCollection : ICollectionFixture<SshdFleetFixture>
{
}
