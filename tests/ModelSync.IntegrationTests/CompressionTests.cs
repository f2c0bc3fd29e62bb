using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// <c>--compress</c> (or <c>compress: true</c>) squeezes text files only: weights cross the wire as they are. Measured by
/// rsync's own byte count on files of zeros, which any compressor shrinks to almost nothing.
/// </summary>
[Collection("sshd")]
public sealed class CompressionTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const int Size = 4 << 20;

    [Fact]
    public async Task CompressedPushSendsWeightsWholeAndTextCompressed()
    {
        Tree("m").File("1/model.onnx", new byte[Size]).File("notes.txt", new byte[Size]).File("config.pbtxt", "name: \"m\"");

        var result = await CliOk("--json", "push", "./m", "alpha:cz-" + Id, "--compress");

        var sent = BytesSent(result);
        Assert.True(sent >= Size, $"the weights were compressed: {sent} bytes sent for {Size} bytes of model.onnx\n{result}");
        Assert.True(sent < Size + Size / 4, $"the text file was not compressed: {sent} bytes sent\n{result}");
        TreeComparer.AssertSameTree(Path.Combine(Work, "m"), Path.Combine(Sshd.BaseA, "cz-" + Id));
    }

    [Fact]
    public async Task CompressedPullReceivesWeightsWhole()
    {
        Tree("m").File("w/model.safetensors", new byte[Size]).File("tokenizer.json", new byte[Size]);
        await CliOk("push", "./m", "alpha:czp-" + Id, "--no-compress");

        var result = await CliOk("--json", "pull", "alpha:czp-" + Id, "./back", "--compress");

        var sent = BytesSent(result);
        Assert.True(sent >= Size && sent < Size + Size / 4, $"{sent} bytes crossed for {Size} bytes of weights and {Size} of text\n{result}");
        TreeComparer.AssertSameTree(Path.Combine(Work, "m"), Path.Combine(Work, "back"));
    }

    [Fact]
    public async Task CompressedResendOfWeightsThatFailedVerificationIsNotCompressed()
    {
        Tree("m").RandomFile("1/model.plan", Size, seed: 7).File("labels.txt", "a\nb\n");
        await CliOk("push", "./m", "alpha:czr-" + Id);
        // Same size and time, other bytes (zeros, which no block of the old file matches): rsync's quick check skips
        // the file, verification finds it, and the re-send of just that file must still go uncompressed.
        var local = Path.Combine(Work, "m", "1", "model.plan");
        var time = File.GetLastWriteTimeUtc(local);
        await File.WriteAllBytesAsync(local, new byte[Size]);
        File.SetLastWriteTimeUtc(local, time);

        var result = await CliOk("--json", "push", "./m", "alpha:czr-" + Id, "--compress", "--checksum");

        Assert.True(BytesSent(result) >= Size, $"the re-sent weights were compressed\n{result}");
        TreeComparer.AssertSameTree(Path.Combine(Work, "m"), Path.Combine(Sshd.BaseA, "czr-" + Id));
    }

    private static long BytesSent(CliResult result)
    {
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.GetProperty("bytes_sent").GetInt64();
    }
}
