namespace ModelSync.Versioning;

/// <summary>One model on a place: its total size, file count and newest modification.</summary>
public sealed record ModelInfo(string Name, long Bytes, int Files, DateTimeOffset Modified);
