
namespace ModelSync.Versioning;

/// <summary>One entry of a model_base listing, with its name read through the naming pattern (null: it does not follow it).</summary>
public sealed record VersionedModel(ModelInfo Info, ModelName? Parsed)
{
    public bool Conforms => Parsed is not null;

    public string Name => Info.Name;
}
