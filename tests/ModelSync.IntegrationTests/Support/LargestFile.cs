namespace ModelSync.IntegrationTests.Support;

/// <summary>How far a transfer got: the size of the largest file in a stage another process is writing.</summary>
public static class LargestFile
{
    /// <summary>The largest regular file anywhere below <paramref name="directory"/> (0 when it does not exist).</summary>
    public static long Below(string directory)
    {
        try
        {
            return Directory.Exists(directory)
                ? new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories) // hidden files too: rsync's temp files are dot-files
                    .Select(SafeLength).DefaultIfEmpty(0).Max()
                : 0;
        }
        catch (IOException)
        {
            return 0; // a temp file renamed while we looked
        }
    }

    private static long SafeLength(FileInfo file)
    {
        try
        {
            return file.Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
