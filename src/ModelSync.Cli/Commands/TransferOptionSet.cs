using System.CommandLine;
using ModelSync.Config;
using ModelSync.Operations;

namespace ModelSync.Cli.Commands;

/// <summary>The options push and pull share; each on/off pair falls back to the config's defaults.</summary>
public sealed class TransferOptionSet
{
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Show what would be sent and deleted; change nothing" };
    private readonly Option<bool> _delete = new("--delete") { Description = "Remove target files the source lacks (default: defaults.delete)" };
    private readonly Option<bool> _noDelete = new("--no-delete") { Description = "Keep target files the source lacks" };
    private readonly Option<bool> _compress = new("--compress") { Description = "Compress compressible files in transit (weights are never compressed)" };
    private readonly Option<bool> _noCompress = new("--no-compress") { Description = "Send everything uncompressed" };
    private readonly Option<bool> _verify = new("--verify") { Description = "Check every file's sha256 on the receiving side (default: defaults.verify)" };
    private readonly Option<bool> _noVerify = new("--no-verify") { Description = "Skip the sha256 check" };
    private readonly Option<bool> _resume = new("--resume") { Description = "Resume an interrupted transfer (always on: accepted for habit)" };

    public void AddTo(Command command)
    {
        foreach (var option in new[] { _dryRun, _delete, _noDelete, _compress, _noCompress, _verify, _noVerify, _resume })
            command.Options.Add(option);
        command.Options.Add(GlobalOptions.OutsideBase);
    }

    public TransferOptions Read(ParseResult parse, Defaults defaults) => new(
        parse.GetValue(_dryRun),
        Pick(parse, _delete, _noDelete, defaults.Delete),
        Pick(parse, _compress, _noCompress, defaults.Compress),
        Pick(parse, _verify, _noVerify, defaults.Verify));

    private static bool Pick(ParseResult parse, Option<bool> on, Option<bool> off, bool fallback) =>
        parse.GetValue(off) ? false : parse.GetValue(on) || fallback;
}
