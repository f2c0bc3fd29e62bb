using ModelSync.Transfer;

namespace ModelSync.Tests.Transfer;

public sealed class RsyncOutputTests
{
    /// <summary>The --stats block of rsync 3.2.7 after sending a 1 GiB model.</summary>
    private const string Rsync32Stats = """

        Number of files: 6 (reg: 4, dir: 2)
        Number of created files: 5 (reg: 4, dir: 1)
        Number of deleted files: 0
        Number of regular files transferred: 4
        Total file size: 1,073,745,920 bytes
        Total transferred file size: 1,073,745,920 bytes
        Literal data: 1,073,741,824 bytes
        Matched data: 4,096 bytes
        File list size: 0
        File list generation time: 0.001 seconds
        File list transfer time: 0.000 seconds
        Total bytes sent: 1,074,016,661
        Total bytes received: 95

        sent 1,074,016,661 bytes  received 95 bytes  71,601,117.07 bytes/sec
        total size is 1,073,745,920  speedup is 1.00

        """;

    [Theory]
    [InlineData("MS\t<f+++++++++\t1500000\tbig.bin", "big.bin", 1500000L, false)]
    [InlineData("MS\t>f+++++++++\t3\tsub/x.txt", "sub/x.txt", 3L, false)]
    [InlineData("MS\t>f.st......\t1073741824\t1/model.onnx", "1/model.onnx", 1073741824L, false)]
    [InlineData("MS\t<f..t......\t0\tempty", "empty", 0L, false)]
    [InlineData("MS\t>f+++++++++\t12\tname with\ttab", "name with\ttab", 12L, false)]
    [InlineData("MS\t>f+++++++++\t12\t모델 v1/config.pbtxt", "모델 v1/config.pbtxt", 12L, false)]
    [InlineData("MS\t>f+++++++++\tnot-a-number\tx", "x", 0L, false)]
    [InlineData("MS\t*deleting  \t0\told.bin", "old.bin", 0L, true)]
    [InlineData("MS\t*deleting  \t0\told_dir/", "old_dir", 0L, true)]
    [InlineData("MS\t>f+++++++++\t4\tred\\#033[31m.txt", "red\u001b[31m.txt", 4L, false)]
    [InlineData("MS\t>f+++++++++\t4\tbell\\#007 back\\slash \\#134#", "bell\u0007 back\\slash \\#", 4L, false)]
    public void FileLinesAreParsed(string line, string path, long size, bool deleted) =>
        Assert.Equal(new RsyncItem(path, size, deleted), RsyncOutput.ParseItem(line));

    [Theory]
    [InlineData("MS\tcd+++++++++\t4096\tsub/")]
    [InlineData("MS\t.d..t......\t4096\t./")]
    [InlineData("MS\tcL+++++++++\t7\tlink -> target")]
    [InlineData("MS\t.f...p.....\t3\tchmod-only")]
    [InlineData("MS\thf+++++++++\t3\thardlink => other")]
    [InlineData("MS\t>f+++++++++")]
    [InlineData("MS\t>f+++++++++\t3")]
    [InlineData(">f+++++++++ big.bin")]
    [InlineData("sending incremental file list")]
    [InlineData("Total bytes sent: 1,074,016,661")]
    [InlineData("")]
    public void OtherLinesAreIgnored(string line) => Assert.Null(RsyncOutput.ParseItem(line));

    [Fact]
    public void StatsOfRsync32AreReadDespiteThousandsSeparators() =>
        Assert.Equal(
            new RsyncStats(BytesSent: 1_074_016_661, BytesReceived: 95, LiteralBytes: 1_073_741_824, MatchedBytes: 4_096, FilesTransferred: 4),
            RsyncOutput.ParseStats(Rsync32Stats));

    [Fact]
    public void StatsWithCarriageReturnsAndItemLinesAroundThemAreRead() =>
        Assert.Equal(
            new RsyncStats(1_074_016_661, 95, 1_073_741_824, 4_096, 4),
            RsyncOutput.ParseStats("MS\t>f+++++++++\t3\ta\r\n" + Rsync32Stats.Replace("\n", "\r\n", StringComparison.Ordinal)));

    [Fact]
    public void StatsOfAnUpToDateRunAreZeroTransferred()
    {
        const string text = """
            Number of files: 3 (reg: 2, dir: 1)
            Number of regular files transferred: 0
            Literal data: 0 bytes
            Matched data: 0 bytes
            Total bytes sent: 120
            Total bytes received: 19
            """;

        Assert.Equal(new RsyncStats(120, 19, 0, 0, 0), RsyncOutput.ParseStats(text));
    }

    [Fact]
    public void MissingStatsAreZero() => Assert.Equal(new RsyncStats(0, 0, 0, 0, 0), RsyncOutput.ParseStats("nothing here\n"));

    [Theory]
    [InlineData("209.65MB/s", "210MiB/s")]
    [InlineData("1.50kB/s", "1.5KiB/s")]
    [InlineData("2.00GB/s", "2GiB/s")]
    [InlineData("512.00B/s", "512B/s")]
    [InlineData("fast", "fast")]
    public void RateIsShownInTheUnitsOfEveryOtherSize(string rsync, string expected) =>
        Assert.Equal(expected, RsyncOutput.Rate(rsync));

    [Fact]
    public void ProgressLineCarriesTheRateInBinaryUnits()
    {
        var progress = RsyncOutput.ParseProgress("    3,000,000  45%  209.65MB/s    0:00:01 (xfr#1, to-chk=2/7)");

        Assert.Equal("210MiB/s", progress?.Rate);
    }

    [Theory]
    [InlineData("      1,048,576  45%  209.65MB/s    0:00:01 (xfr#1, to-chk=2/7)", true)]
    [InlineData("163,012,345 100%   10.00MB/s    0:00:15 (xfr#20000, to-chk=0/20001)", true)]
    [InlineData("Number of files: 6 (reg: 4, dir: 2)", false)]
    [InlineData("sent 1,074,016,661 bytes  received 95 bytes  71,601,117.07 bytes/sec", false)]
    [InlineData("", false)]
    public void ProgressLinesAreToldFromTheStatsBlock(string line, bool progress) => Assert.Equal(progress, RsyncOutput.LooksLikeProgress(line));

    [Fact]
    public void StatsAreReadFromTheLinesLeftOverWhateverElseIsAmongThem() =>
        Assert.Equal(RsyncOutput.ParseStats(Rsync32Stats),
            RsyncOutput.ParseStats(["MS\t>f+++++++++\t3\ta", .. Rsync32Stats.Split('\n').Where(l => !RsyncOutput.LooksLikeProgress(l))]));
}
