namespace ModelSync.IntegrationTests.Safety;

/// <summary>Waits in tests for something another process does (a file growing, a lock appearing).</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"gave up waiting for {what} after {timeout.TotalSeconds:0} s");
            await Task.Delay(25);
        }
    }

    /// <summary>The largest regular file anywhere below <paramref name="directory"/> (0 when it does not exist).</summary>
    public static long LargestFile(string directory)
    {
        try
        {
            return Directory.Exists(directory)
                ? new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories) // hidden files too: rsync's temp files are dot-files
                    .Select(f => SafeLength(f)).DefaultIfEmpty(0).Max()
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
