using System.CommandLine;
using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Text;
using ModelSync.Transfer;

namespace ModelSync.Cli.Commands;

/// <summary>The options push and pull share; each on/off pair falls back to the config's defaults.</summary>
public sealed class TransferOptionSet
{
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Show what would be sent and deleted; change nothing" };
    private readonly Option<bool> _delete = new("--delete") { Description = "Remove target files the source lacks (default: defaults.delete)" };
    private readonly Option<bool> _noDelete = new("--no-delete") { Description = "Keep target files the source lacks" };
    private readonly Option<bool> _compress = new("--compress") { Description = "Compress compressible files in transit (weights are never compressed)" };
    private readonly Option<bool> _noCompress = new("--no-compress") { Description = "Send everything uncompressed" };
    private readonly Option<bool> _verify = new("--verify") { Description = "Check every file's hash on the receiving side (default: defaults.verify)" };
    private readonly Option<bool> _noVerify = new("--no-verify") { Description = "Skip the hash check" };
    private readonly Option<bool> _checksum = new("--checksum") { Description = "Hash every file on both sides, trusting no manifest or cache (finds silent changes)" };
    private readonly Option<bool> _resume = new("--resume") { Description = "Resume an interrupted transfer (always on: accepted for habit)" };
    private readonly Option<bool> _yes = new("--yes", "-y") { Description = "Go ahead with --delete without asking (required when stdin is not a terminal)" };
    private readonly Option<int> _retries = new("--retries")
    {
        Description = "Tries per step when the connection drops (default 3); each try resumes",
        DefaultValueFactory = _ => 3,
        HelpName = "n",
    };
    private readonly Option<double> _lockTimeout = new("--lock-timeout")
    {
        Description = "Seconds to wait when another push or pull holds the target (default 0: fail at once)",
        HelpName = "seconds",
    };
    private readonly Option<bool> _replaceLink = new("--replace-link")
    {
        Description = "When the target is a symlink, put the new model in place of the link itself (what it points to is left as it is); without it, such a target is refused",
    };
    private readonly Option<bool> _strictNaming = new("--strict-naming") { Description = "Refuse a target name that does not follow naming.pattern (default: naming.strict)" };
    private readonly Option<string?> _basis = new("--basis")
    {
        Description = "A new version starts from this older one beside it: unchanged files hard-linked, changed ones sent as deltas (default: the newest other version of the same MODEL; none: start empty)",
        HelpName = "name|none",
    };
    private readonly Option<int?> _bwlimit = new("--bwlimit") { Description = "Limit the transfer to this many KiB/s (all streams together)", HelpName = "kib-per-s" };
    private readonly Option<string?> _streams = new("--streams")
    {
        Description = $"Parallel ssh connections for files with nothing on the target to delta against: auto (by size; default: defaults.streams) or 1 to {StreamsSetting.Most} (1: rsync alone)",
        HelpName = "n",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _dryRun, _delete, _noDelete, _compress, _noCompress, _verify, _noVerify, _checksum, _resume, GlobalOptions.Quiet, GlobalOptions.Files, _yes, _retries, _lockTimeout, _bwlimit, _streams, _replaceLink, _basis })
            command.Options.Add(option);
        command.Options.Add(GlobalOptions.OutsideBase);
        command.Options.Add(GlobalOptions.Hash);
        if (command.Name == "push") command.Options.Add(_strictNaming);
    }

    /// <summary>A week: longer is surely a typo, and a value past what a duration can hold must not crash the command.</summary>
    private const double MaxLockWaitSeconds = 7 * 24 * 3600;

    public bool AssumeYes(ParseResult parse) => parse.GetValue(_yes);

    public TransferOptions Read(ParseResult parse, Defaults defaults)
    {
        var retries = parse.GetValue(_retries);
        var wait = parse.GetValue(_lockTimeout);
        var bwlimit = parse.GetValue(_bwlimit);
        if (retries < 1) throw ModelSyncException.Usage($"--retries {retries} must be at least 1", "use --retries 1 for a single try");
        if (!(wait is >= 0 and <= MaxLockWaitSeconds))
            throw ModelSyncException.Usage($"--lock-timeout {wait} is not a number of seconds from 0 to {MaxLockWaitSeconds}", "give a number of seconds, 0 to fail at once");
        if (bwlimit is < 1) throw ModelSyncException.Usage($"--bwlimit {bwlimit} must be a positive number of KiB/s", "e.g. --bwlimit 10000");
        var streams = defaults.Streams;
        if (parse.GetValue(_streams) is { } streamsText && !StreamsSetting.TryParse(streamsText, out streams))
            throw ModelSyncException.Usage($"--streams {streamsText} is not auto or a number from 1 to {StreamsSetting.Most}", "e.g. --streams 4");
        return new TransferOptions(
            parse.GetValue(_dryRun),
            Pick(parse, _delete, _noDelete, defaults.Delete),
            Pick(parse, _compress, _noCompress, defaults.Compress),
            Pick(parse, _verify, _noVerify, defaults.Verify))
        {
            Checksum = parse.GetValue(_checksum),
            Tries = retries,
            Lock = new LockPolicy(TimeSpan.FromSeconds(wait), defaults.StaleLockAfter),
            BandwidthLimit = bwlimit,
            Streams = streams,
            Command = ToolName.With(parse.Tokens.Select(t => t.Value)),
            ReplaceLink = parse.GetValue(_replaceLink),
            StrictNaming = parse.GetResult(_strictNaming) is not null && parse.GetValue(_strictNaming),
            Hash = GlobalOptions.HashOf(parse, defaults),
            Basis = BasisRequest.Parse(parse.GetValue(_basis)),
        };
    }

    private static bool Pick(ParseResult parse, Option<bool> on, Option<bool> off, bool fallback) =>
        parse.GetValue(off) ? false : parse.GetValue(on) || fallback;
}
