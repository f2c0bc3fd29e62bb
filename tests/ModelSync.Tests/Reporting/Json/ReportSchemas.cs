using System.ComponentModel;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using ModelSync.Reporting.Json;

namespace ModelSync.Tests.Reporting.Json;

/// <summary>
/// docs/json/*.schema.json, made from the report records: the exporter's types, required properties and
/// <c>additionalProperties: false</c>, plus what the records' attributes say (descriptions, bounds, values, the
/// fields a multi-server entry's <c>ok</c> decides). A record that is itself a document elsewhere is a <c>$ref</c>.
/// </summary>
public static partial class ReportSchemas
{
    public sealed record Document(string File, string Title, JsonTypeInfo Type);

    private static ReportJsonContext Context => ReportJsonContext.Default;

    public static readonly IReadOnlyList<Document> Documents =
    [
        new("servers.schema.json", "model-sync servers [--check] --json", Context.ServersJson),
        new("transfer.schema.json", "model-sync push|pull|copy --json", Context.TransferJson),
        new("diff.schema.json", "model-sync diff --json", Context.DiffJson),
        new("list.schema.json", "model-sync list --json", Context.ListJson),
        new("versions.schema.json", "model-sync versions --json", Context.VersionsJson),
        new("prune.schema.json", "model-sync prune <alias> --model M --keep N --json", Context.PruneJson),
        new("name.schema.json", "model-sync name --json", Context.NameJson),
        new("verify.schema.json", "model-sync verify --json", Context.VerifyJson),
        new("exec.schema.json", "model-sync exec --json", Context.ExecJson),
        new("push-fleet.schema.json", "model-sync push <local> <alias> <alias>… | @group --json", Context.PushFleetJson),
        new("exec-fleet.schema.json", "model-sync exec <alias> <alias>… | @group \"cmd\" --json", Context.ExecFleetJson),
        new("verify-fleet.schema.json", "model-sync verify <local> <alias> <alias>… | @group, or verify <alias:path> <alias:path>… | @group:path --json", Context.VerifyFleetJson),
        new("diff-fleet.schema.json", "model-sync diff <local> <alias> <alias>… | @group --json", Context.DiffFleetJson),
        new("list-fleet.schema.json", "model-sync list <alias> <alias>… | @group --json", Context.ListFleetJson),
        new("prune-fleet.schema.json", "model-sync prune <alias> <alias>… | @group --model M --keep N --json", Context.PruneFleetJson),
        new("doctor.schema.json", "model-sync doctor --json", Context.DoctorJson),
        new("error.schema.json", "model-sync error (any command, exit code not 0)", Context.ErrorDocumentJson),
    ];

    /// <summary>Records that are documents of their own, or part of one, where another document holds them.</summary>
    private static readonly Dictionary<Type, string> References = new()
    {
        [typeof(TransferJson)] = "transfer.schema.json",
        [typeof(DiffJson)] = "diff.schema.json",
        [typeof(VerifyJson)] = "verify.schema.json",
        [typeof(ErrorJson)] = "error.schema.json#/properties/error",
    };

    private static readonly JsonSerializerOptions Format = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The text of <paramref name="document"/>'s schema file.</summary>
    public static string Generate(Document document)
    {
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Transform(document, context, node),
        };
        var generated = JsonSchemaExporter.GetJsonSchemaAsNode(document.Type, options).AsObject();
        var schema = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["title"] = document.Title };
        foreach (var (key, value) in generated.ToList())
        {
            generated.Remove(key);
            schema[key] = value;
        }
        return OneLineLists(schema.ToJsonString(Format)) + "\n";
    }

    private const string Scalar = @"""(?:[^""\\]|\\.)*""|[-\w.]+";

    [GeneratedRegex($@"\[\s+(?:{Scalar})(?:,\s+(?:{Scalar}))*\s+\]")]
    private static partial Regex ScalarList();

    [GeneratedRegex(Scalar)]
    private static partial Regex ScalarItem();

    /// <summary>A list of strings or numbers (required, enum, a nullable type) on one line, as people write them.</summary>
    private static string OneLineLists(string json) =>
        ScalarList().Replace(json, list => "[" + string.Join(", ", ScalarItem().Matches(list.Value).Select(m => m.Value)) + "]");

    private static JsonNode Transform(Document document, JsonSchemaExporterContext context, JsonNode node)
    {
        var type = context.TypeInfo.Type;
        // Strings go through a custom converter (PrintableNames), for which the exporter says nothing (true).
        if (type == typeof(string)) node = new JsonObject { ["type"] = context.PropertyInfo?.IsGetNullable == true ? new JsonArray("string", "null") : "string" };
        if (node is not JsonObject schema) return node;
        // …nor for a list of them.
        if (context.TypeInfo.Kind == JsonTypeInfoKind.Enumerable && context.TypeInfo.ElementType == typeof(string)) schema["items"] ??= new JsonObject { ["type"] = "string" };
        var nullable = schema["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null");
        if (context.PropertyInfo is not null && References.TryGetValue(type, out var reference) && !reference.StartsWith(document.File, StringComparison.Ordinal))
        {
            var target = new JsonObject { ["$ref"] = reference };
            schema = nullable ? new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, target) } : target;
        }
        if (context.PropertyInfo?.AttributeProvider is { } property) Annotate(schema, property);
        if (context.PropertyInfo is null && type.GetCustomAttribute<OkDecidesAttribute>() is { } decides) Decide(schema, decides);
        return schema;
    }

    private static void Annotate(JsonObject schema, ICustomAttributeProvider property)
    {
        var list = schema["type"]?.ToJsonString().Contains("array", StringComparison.Ordinal) == true;
        foreach (var attribute in property.GetCustomAttributes(inherit: false))
        {
            switch (attribute)
            {
                case MinimumAttribute a: schema["minimum"] = a.Value; break;
                case MaximumAttribute a: schema["maximum"] = a.Value; break;
                case MinLengthAttribute a: schema[list ? "minItems" : "minLength"] = a.Value; break;
                case PatternAttribute a: schema["pattern"] = a.Value; break;
                case ValuesAttribute a: schema["enum"] = new JsonArray([.. a.Values.Select(Value)]); break;
            }
        }
        if (property.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false) is [DescriptionAttribute description, ..])
            Prepend(schema, "description", description.Description);
    }

    private static JsonNode Value(object value) => value switch
    {
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        _ => throw new ArgumentException($"a schema value is a string or an int, not {value.GetType().Name}", nameof(value)),
    };

    private static void Prepend(JsonObject schema, string key, string value)
    {
        var rest = schema.ToList();
        schema.Clear();
        schema[key] = value;
        foreach (var (k, v) in rest) schema[k] = v;
    }

    /// <summary><c>if ok then … else …</c>: which fields are null on which side.</summary>
    private static void Decide(JsonObject schema, OkDecidesAttribute decides)
    {
        JsonObject Null() => new() { ["type"] = "null" };
        JsonObject Set() => new() { ["not"] = new JsonObject { ["type"] = "null" } };
        var then = new JsonObject();
        var otherwise = new JsonObject();
        foreach (var name in decides.NullWhenOk) { then[name] = Null(); otherwise[name] = Set(); }
        foreach (var name in decides.NullUnlessOk) { then[name] = Set(); otherwise[name] = Null(); }
        foreach (var name in decides.SetWhenOk) then[name] = Set();
        schema["if"] = new JsonObject { ["properties"] = new JsonObject { ["ok"] = new JsonObject { ["const"] = true } } };
        schema["then"] = new JsonObject { ["properties"] = then };
        schema["else"] = new JsonObject { ["properties"] = otherwise };
    }
}
