using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ModelSync.Doctor;
using ModelSync.Manifests;
using ModelSync.Planning;
using ModelSync.Reporting;
using ModelSync.Transfer;

namespace ModelSync.Tests.Reporting;

public sealed class JsonOutputTests
{
    /// <summary>How the reports wrote enums before they built their JSON by hand (reflection, which Native AOT lacks).</summary>
    private static readonly JsonSerializerOptions ReflectionEnums = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    [Fact]
    public void NameIsTheWordTheSnakeCaseEnumConverterWrote()
    {
        Enum[] values = [.. Enum.GetValues<VerifyStatus>().Cast<Enum>(), .. Enum.GetValues<CheckStatus>().Cast<Enum>(),
            .. Enum.GetValues<EntryKind>().Cast<Enum>(), .. Enum.GetValues<EntryStatus>().Cast<Enum>()];

        Assert.All(values, v => Assert.Equal(JsonSerializer.Serialize<object>(v, ReflectionEnums), $"\"{JsonOutput.Name(v)}\""));
        Assert.Equal("target_only", JsonOutput.Name(EntryStatus.TargetOnly));
    }

    [Fact]
    public void WriteIndentsKeepsKeyOrderWritesNullsAndLeavesNonAsciiAndHtmlUnescaped()
    {
        using var writer = new StringWriter();

        JsonOutput.Write(writer, new JsonObject
        {
            ["zeta"] = "naïve <&> \"q\" ✓\u0001",
            ["alpha"] = null,
            ["list"] = JsonOutput.Array(["x", "y"]),
            ["empty"] = JsonOutput.Array([]),
            ["seconds"] = Math.Round(1.23456, 3),
        });

        Assert.Equal("""
            {
              "zeta": "naïve <&> \"q\" ✓\u0001",
              "alpha": null,
              "list": [
                "x",
                "y"
              ],
              "empty": [],
              "seconds": 1.235
            }

            """.ReplaceLineEndings("\n"), writer.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ErrorIsOneObjectWithCodeMessageAndFix()
    {
        using var writer = new StringWriter();

        JsonOutput.WriteError(writer, 2, "unknown server 'x'", null);

        using var doc = JsonDocument.Parse(writer.ToString());
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal(["code", "message", "fix"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, error.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("fix").ValueKind);
    }
}
