using System.Text.Json.Nodes;
using ModelSync.Versioning;

namespace ModelSync.Reporting;

/// <summary>Output of <c>name</c>, and the <c>fields</c> object every JSON report gives a parsed name.</summary>
public static class NameReport
{
    /// <summary>Just the name, on one line, so that <c>$(model-sync name …)</c> works.</summary>
    public static void Write(TextWriter writer, ModelName name) => writer.WriteLine(name.Name);

    public static JsonObject Json(ModelName name, NamingPattern pattern) => new()
    {
        ["name"] = name.Name,
        ["pattern"] = pattern.Template,
        ["fields"] = Fields(name),
    };

    /// <summary><c>{gpu, date, model, version}</c>, a field the pattern lacks as null; null for a name that does not follow it.</summary>
    public static JsonObject? Fields(ModelName? name) => name is null ? null : new JsonObject
    {
        ["gpu"] = name.Gpu,
        ["date"] = name.Date,
        ["model"] = name.Model,
        ["version"] = name.Version,
    };
}
