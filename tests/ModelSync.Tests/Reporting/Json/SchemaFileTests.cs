using ModelSync.Tests.Support;

namespace ModelSync.Tests.Reporting.Json;

/// <summary>docs/json is what the report records say: a record changed without its schema fails here (and so in CI).</summary>
public sealed class SchemaFileTests
{
    private const string WriteVariable = "MODEL_SYNC_WRITE_SCHEMAS";

    private const string Regenerate =
        $"{WriteVariable}=1 dotnet test tests/ModelSync.Tests -c Release --filter FullyQualifiedName~SchemaFileTests";

    private static string Directory => RepoFiles.PathOf("docs/json");

    public static TheoryData<string> Files => [.. ReportSchemas.Documents.Select(d => d.File)];

    [Theory]
    [MemberData(nameof(Files))]
    public void SchemasAreUpToDate(string file)
    {
        var document = ReportSchemas.Documents.Single(d => d.File == file);
        var path = Path.Combine(Directory, file);
        var generated = ReportSchemas.Generate(document);
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1") File.WriteAllText(path, generated);

        var written = File.Exists(path) ? File.ReadAllText(path) : "";
        Assert.True(written == generated, $"docs/json/{file} is not what the records in src/ModelSync/Reporting/Json say; regenerate it: {Regenerate}");
    }

    [Fact]
    public void EverySchemaFileIsOneTheRecordsMake()
    {
        var made = ReportSchemas.Documents.Select(d => d.File).ToHashSet();
        var stale = System.IO.Directory.GetFiles(Directory, "*.schema.json").Select(Path.GetFileName).Where(f => !made.Contains(f!));
        Assert.Empty(stale);
    }
}
