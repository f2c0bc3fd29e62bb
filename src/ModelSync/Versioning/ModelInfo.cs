namespace ModelSync.Versioning;

/// <summary>One model under a model_base: its name, the bytes and number of its files, and its newest modification.</summary>
public sealed record ModelInfo(string Name, long Bytes, int Files, DateTimeOffset Modified);
