using ModelSync.Operations;
using ModelSync.Reporting.Json;
using ModelSync.Text;
using ModelSync.Verification;

namespace ModelSync.Reporting;

/// <summary>Markdown and JSON for <c>verify</c>.</summary>
public static class VerifyReport
{
    public static void Write(TextWriter writer, VerifyResult result, ListBound bound = default)
    {
        writer.WriteLine($"## Verify: {Printable.Name(result.Name)}");
        if (result.Resolved is { } resolved) writer.WriteLine($"Resolved: {resolved.Describe()}");
        if (result.Local is not null) writer.WriteLine($"Local: {Printable.Name(result.Local)}");
        writer.WriteLine($"Remote: {Printable.Name(result.Remote)}");
        writer.WriteLine($"Compared with: {result.ComparedWith}, by {result.Algorithm}");
        writer.WriteLine($"Read now: {ReadNow(result)}");
        if (result.Trusted is { } trusted) writer.WriteLine(TrustedLine(trusted, result.Server));
        writer.WriteLine();
        if (!result.Ok)
        {
            bound.WriteTable(writer, new MarkdownTable("File", "Expected", "Remote", "Problem"), result.Findings,
                f => [f.Path.Length == 0 ? result.Name : f.Path, Size(f.LocalBytes), Size(f.RemoteBytes), f.Problem]);
            writer.WriteLine();
        }
        WriteResult(writer, result);
    }

    /// <summary>The verdict and, on failure, the repair: all that <c>--quiet</c> prints.</summary>
    public static void WriteResult(TextWriter writer, VerifyResult result)
    {
        if (result.Ok)
        {
            writer.WriteLine($"Result: OK — {(result.Files == 1 ? "the 1 file matches" : $"all {result.Files} files match")}");
            return;
        }
        writer.WriteLine($"Result: FAILED — {Human.Count(result.Findings.Count, "problem")} in {Printable.Name(result.Remote)}");
        writer.WriteLine(result.Repair is { } repair ? RepairLine(VerifyRepair.Commands([repair])[0]) : NoRepairLine(Printable.Name(result.Remote)));
    }

    /// <summary>When the copy a manifest names is gone: what to do, with the one word only the user knows.</summary>
    public static string NoRepairLine(string remote) =>
        $"To repair: push a good copy to it again with --checksum, e.g. {ToolName.Command} push <local> {remote} --checksum";

    /// <summary>Pure: "3 files here, 3 on alpha", or "3 files on alpha" without a local copy.</summary>
    public static string ReadNow(VerifyResult r) =>
        r.LocalHashedNow is { } here ? $"{Files(here)} here, {r.HashedNow} on {r.Server}" : $"{Files(r.HashedNow)} on {r.Server}";

    /// <summary>Pure: what <c>--trust-hashes</c> took on trust, and what that cannot see.</summary>
    public static string TrustedLine(TrustedHashes t, string server) =>
        $"Trusted (--trust-hashes): {t.HashCache} hashes from this machine's hash cache, {t.Manifest} from the manifest on {server}; {BlindSpot}";

    /// <summary>The same for several servers, whose rows count what was read.</summary>
    public const string TrustedNote = $"Trusted (--trust-hashes): this machine's hash cache and each server's manifest where size and mtime still match; {BlindSpot}";

    private const string BlindSpot = "a change that kept size and mtime does not show (drop --trust-hashes to read every byte)";

    /// <summary>Pure: <c>To repair: `…`</c>, saying where to run it when the source is on another machine.</summary>
    public static string RepairLine((string? On, string Command) repair) =>
        repair.On is null ? $"To repair: `{repair.Command}`" : $"To repair, on {repair.On} (where the manifest says the copy came from): `{repair.Command}`";

    private static string Files(int n) => Human.Count(n, "file");

    private static string Size(long? bytes) => bytes is { } b ? Human.Bytes(b) : "—";

    public static VerifyJson Json(VerifyResult r, ListBound bound = default) => new()
    {
        Name = r.Name,
        Local = r.Local,
        Remote = r.Remote,
        ResolvedFrom = r.Resolved?.Selector,
        ComparedWith = r.ComparedWith,
        Algorithm = r.Algorithm,
        Files = r.Files,
        HashedNow = r.HashedNow,
        ReadNow = new ReadNowJson { Local = r.LocalHashedNow, Remote = r.HashedNow },
        TrustedHashes = r.Trusted is not null,
        Trusted = r.Trusted is { } t ? new TrustedJson { HashCache = t.HashCache, Manifest = t.Manifest } : null,
        Ok = r.Ok,
        Warnings = r.Warnings,
        Problems = [.. bound.TakeForJson(r.Findings).Select(f => new ProblemJson
        {
            Path = f.Path, Problem = f.Problem, ExpectedBytes = f.LocalBytes, RemoteBytes = f.RemoteBytes,
        })],
        ProblemsTotal = r.Findings.Count,
        ProblemsTruncated = bound.TruncatedInJson(r.Findings.Count),
        RepairCommand = r.Repair?.Command,
        RepairOn = r.Repair?.On,
    };
}
