using System.CommandLine;
using ModelSync.Reporting;

namespace ModelSync.Cli.Commands;

public static class GlobalOptions
{
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Config file (default: $MODEL_SYNC_CONFIG, then ~/.model-sync.yaml)",
        Recursive = true,
        HelpName = "path",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON document on stdout instead of Markdown",
        Recursive = true,
    };

    /// <summary>For commands given several servers or a @group: how many servers are worked on at once.</summary>
    public static readonly Option<int> Parallel = new("--parallel")
    {
        Description = "With several servers or a @group: how many at once (default 4)",
        DefaultValueFactory = _ => Fleet.FleetRunner.DefaultParallel,
        HelpName = "n",
    };

    public static readonly Option<bool> OutsideBase = new("--outside-base")
    {
        Description = "Allow an absolute remote path outside the alias's model_base",
    };

    /// <summary>diff, push, pull, copy and verify: the result alone; one instance shared by those commands.</summary>
    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "Print only the result: no file list, no progress" };

    /// <summary>Lists of files are cut at <see cref="ListBound.MaxListed"/> so output stays small for any model; this asks for all.</summary>
    public static readonly Option<bool> Files = new("--files")
    {
        Description = $"List every file (Markdown and JSON); without it, a list stops after {ListBound.MaxListed} with a count",
    };

    public static ListBound ListBoundOf(ParseResult parse) => parse.GetValue(Files) ? ListBound.Everything : ListBound.Bounded;

    /// <summary>The hash of push, pull, diff --checksum and verify; one instance shared by those commands.</summary>
    public static readonly Option<string?> Hash = CreateHash();

    /// <summary><c>--hash</c> if given, else <c>defaults.hash</c>.</summary>
    public static ModelSync.Hashing.HashFunction HashOf(ParseResult parse, Config.Defaults defaults) =>
        ModelSync.Hashing.HashFunction.TryParse(parse.GetValue(Hash)) ?? defaults.Hash;

    private static Option<string?> CreateHash()
    {
        var option = new Option<string?>("--hash")
        {
            Description = "Hash to compare content by (default: defaults.hash, else sha256); xxh128 and blake3 are faster and "
                + "need xxhsum / b3sum at both ends, else sha256 is used with a warning",
            HelpName = string.Join('|', ModelSync.Hashing.HashFunction.Names),
        };
        option.AcceptOnlyFromAmong([.. ModelSync.Hashing.HashFunction.Names]);
        return option;
    }
}
