using ModelSync.Reporting.Json;
using ModelSync.Versioning;

namespace ModelSync.Reporting;

/// <summary>Output of <c>name</c>, and the <c>fields</c> object every JSON report gives a parsed name.</summary>
public static class NameReport
{
    /// <summary>Just the name, on one line, so that <c>$(model-sync name …)</c> works.</summary>
    public static void Write(TextWriter writer, ModelName name) => writer.WriteLine(name.Name);

    public static NameJson Json(ModelName name, NamingPattern pattern) => new()
    {
        Name = name.Name,
        Pattern = pattern.Template,
        Fields = Fields(name),
    };

    /// <summary><c>{gpu, date, model, version}</c>, a field the pattern lacks as null.</summary>
    public static NameFieldsJson Fields(ModelName name) => new()
    {
        Gpu = name.Gpu,
        Date = name.Date,
        Model = name.Model,
        Version = name.Version,
    };

    /// <summary>The fields of <paramref name="name"/>; null for a name that does not follow the pattern.</summary>
    public static NameFieldsJson? FieldsOrNull(ModelName? name) => name is null ? null : Fields(name);
}
