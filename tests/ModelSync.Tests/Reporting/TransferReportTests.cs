using ModelSync.Reporting;
using ModelSync.Transfer;

namespace ModelSync.Tests.Reporting;

public sealed class TransferReportTests
{
    private static VerificationOutcome Outcome(VerifyStatus status, int files = 0, int resent = 0, params string[] mismatched) =>
        new(status, files, "sha256", mismatched, resent);

    public static TheoryData<VerificationOutcome, string> Cases => new()
    {
        { Outcome(VerifyStatus.Verified, files: 3), "yes (3 files, sha256)" },
        { Outcome(VerifyStatus.Verified, files: 1), "yes (1 file, sha256)" },
        { Outcome(VerifyStatus.Verified, files: 3, resent: 2), "yes (3 files, sha256, 2 re-sent)" },
        { new VerificationOutcome(VerifyStatus.Verified, 204, "xxh128", [], 0), "yes (204 files, xxh128)" },
        { new VerificationOutcome(VerifyStatus.Verified, 7, "blake3", [], 0) { HashedNow = 0 }, "yes (7 files, blake3; all unchanged since the last verified push)" },
        {
            new VerificationOutcome(VerifyStatus.Verified, 7, "sha256", [], 0) { HashedNow = 0, MatchedBySizeAndMtime = 7 },
            "yes (7 files, sha256; all unchanged since the last verified push; 7 local files matched by size and mtime, not read)"
        },
        {
            new VerificationOutcome(VerifyStatus.Verified, 7, "sha256", [], 0) { HashedNow = 1, MatchedBySizeAndMtime = 1 },
            "yes (7 files, sha256; 1 hashed now, 6 unchanged since the last verified push; 1 local file matched by size and mtime, not read)"
        },
        { Outcome(VerifyStatus.Skipped), "skipped" },
        { Outcome(VerifyStatus.Failed, 3, 1, "1/model.onnx"), "no — 1/model.onnx" },
        { Outcome(VerifyStatus.Failed, 3, 1, "a", "b"), "no — a, b" },
        {
            Outcome(VerifyStatus.Failed, 20, 12, [.. Enumerable.Range(1, 10).Select(i => $"f{i}")]),
            "no — f1, f2, f3, f4, f5, f6, f7, f8, f9, f10"
        },
        {
            Outcome(VerifyStatus.Failed, 20, 12, [.. Enumerable.Range(1, 12).Select(i => $"f{i}")]),
            "no — f1, f2, f3, f4, f5, f6, f7, f8, f9, f10 and 2 more"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void VerifiedRowSaysWhatVerificationFound(VerificationOutcome outcome, string expected) =>
        Assert.Equal(expected, TransferReport.Verified(outcome));

    [Theory]
    [InlineData("1/model.onnx", 1_572_864L, false, "- 1/model.onnx (1.5MiB)")]
    [InlineData("old.bin", 0L, true, "- deleted old.bin")]
    public void ItemLineNamesTheFile(string path, long size, bool deleted, string expected) =>
        Assert.Equal(expected, TransferReport.Item(new ModelSync.Transfer.RsyncItem(path, size, deleted)));
}
