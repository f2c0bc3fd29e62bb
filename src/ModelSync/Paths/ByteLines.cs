namespace ModelSync.Paths;

/// <summary>
/// Cuts a byte stream into lines as the bytes arrive and hands each on decoded by <see cref="PathBytes"/>, so a
/// line that quotes a name keeps its bytes. <paramref name="ends"/>: the bytes that end a line (an empty line is not
/// handed on).
/// </summary>
public sealed class ByteLines(Action<string> onLine, params byte[] ends) : IDisposable
{
    private readonly MemoryStream _line = new();

    public void Write(ReadOnlySpan<byte> bytes)
    {
        for (var end = bytes.IndexOfAny(ends); end >= 0; end = bytes.IndexOfAny(ends))
        {
            _line.Write(bytes[..end]);
            Flush();
            bytes = bytes[(end + 1)..];
        }
        _line.Write(bytes);
    }

    /// <summary>Hands on what arrived since the last line end, if anything: call it once the stream is over.</summary>
    public void Flush()
    {
        if (_line.Length > 0) onLine(PathBytes.Decode(_line.GetBuffer().AsSpan(0, (int)_line.Length)));
        _line.SetLength(0);
    }

    /// <summary>Every line of <paramref name="stream"/>, read to its end.</summary>
    public static void ReadAll(Stream stream, Action<string> onLine, params byte[] ends)
    {
        using var lines = new ByteLines(onLine, ends);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer)) > 0) lines.Write(buffer.AsSpan(0, read));
        lines.Flush();
    }

    public void Dispose() => _line.Dispose();
}
