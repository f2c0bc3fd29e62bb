using ModelSync.Remotes;

namespace ModelSync.Tests.Fleet;

public sealed class MountCandidatesTests
{
    private const string MountInfo = """
        22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
        40 22 0:40 / /mnt/train rw,relatime shared:20 - nfs4 nas:/export/train rw,vers=4.2
        41 22 0:41 / /mnt/with\040space rw,relatime - nfs nas2:/srv rw
        42 22 0:42 / /mnt/other rw,relatime - nfs nas:/export/other rw
        43 22 0:43 / /proc rw - proc proc rw
        """;

    [Fact]
    public void ParseReadsMountPointTypeAndSourceAndUnescapesSpaces()
    {
        var mounts = MountCandidates.Parse(MountInfo);

        Assert.Equal(5, mounts.Count);
        Assert.Equal(new MountEntry("/mnt/train", "nfs4", "nas:/export/train"), mounts[1]);
        Assert.Equal("/mnt/with space", mounts[2].MountPoint);
    }

    [Fact]
    public void FindMapsModelBaseIntoANetworkMountOfItsExportAndKeepsTheSamePathFirst()
    {
        var existing = new HashSet<string> { "/export/train/models", "/mnt/train/models", "/mnt/with space/models" };

        var found = MountCandidates.Find("/export/train/models", MountCandidates.Parse(MountInfo), existing.Contains);

        Assert.Equal(["/export/train/models", "/mnt/train/models"], found);
        Assert.Equal(["/mnt/with space/models"], MountCandidates.Find("/srv/models", MountCandidates.Parse(MountInfo), existing.Contains));
    }

    [Fact]
    public void FindSkipsPathsThatDoNotExistHereAndLocalFileSystems()
    {
        Assert.Empty(MountCandidates.Find("/export/train/models", MountCandidates.Parse(MountInfo), _ => false));
        Assert.Empty(MountCandidates.Find("/data/models", MountCandidates.Parse(MountInfo), p => p != "/data/models"));
    }
}
