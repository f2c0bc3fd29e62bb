using System.Text.Json;
using System.Text.Json.Serialization;
using ModelSync.Doctor;
using ModelSync.Manifests;
using ModelSync.Reporting;
using ModelSync.Reporting.Json;
using ModelSync.Transfer;

namespace ModelSync.Tests.Reporting;

public sealed class JsonOutputTests
{
    /// <summary>How the reports wrote enums before they were records (reflection, which Native AOT lacks).</summary>
    private static readonly JsonSerializerOptions ReflectionEnums = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    [Fact]
    public void SnakeCaseWordsAreTheWordsTheReflectionEnumConverterWrote()
    {
        AssertSameWords<VerifyStatus>();
        AssertSameWords<CheckStatus>();
        AssertSameWords<EntryKind>();
        AssertSameWords<ChangeAction>();
        AssertSameWords<PushStatus>();
        Assert.Equal("\"verification_failed\"", JsonSerializer.Serialize(PushStatus.VerificationFailed, Words<PushStatus>()));
    }

    [Fact]
    public void DiffStatusRemoteOnlyKeepsItsHyphen()
    {
        Assert.Equal("\"remote-only\"", JsonSerializer.Serialize(DiffStatus.RemoteOnly, Words<DiffStatus>()));
        Assert.Equal("\"modified\"", JsonSerializer.Serialize(DiffStatus.Modified, Words<DiffStatus>()));
    }

    private static JsonSerializerOptions Words<T>() where T : struct, Enum => new() { Converters = { new SnakeCaseWords<T>() } };

    private static void AssertSameWords<T>() where T : struct, Enum =>
        Assert.All(Enum.GetValues<T>(), v => Assert.Equal(JsonSerializer.Serialize(v, ReflectionEnums), JsonSerializer.Serialize(v, Words<T>())));

    [Fact]
    public void WriteIndentsKeepsKeyOrderWritesNullsAndLeavesNonAsciiAndHtmlUnescaped()
    {
        using var writer = new StringWriter();

        JsonOutput.Write(writer, new ExecFleetJson
        {
            Command = "naïve <&> \"q\" ✓\u0001",
            Ok = false,
            Servers = [new ExecServerJson { Server = "a", ExitCode = null, Stdout = null, Stderr = null, Seconds = Math.Round(1.23456, 3), Error = null }],
            Failed = [],
        });

        Assert.Equal("""
            {
              "command": "naïve <&> \"q\" ✓\u0001",
              "ok": false,
              "servers": [
                {
                  "server": "a",
                  "exit_code": null,
                  "stdout": null,
                  "stderr": null,
                  "seconds": 1.235,
                  "error": null
                }
              ],
              "failed": []
            }

            """.ReplaceLineEndings("\n"), writer.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void AStringWithBytesThatAreNotUtf8IsWrittenAsPrintableShowsIt()
    {
        var name = global::ModelSync.Paths.PathBytes.Decode([(byte)'w', 0xff]);

        var text = JsonOutput.Text(new ExecJson { Server = name, Command = "a\\b", ExitCode = 0, Stdout = "", Stderr = "" });

        using var doc = JsonDocument.Parse(text);
        Assert.Equal("w\\xff", doc.RootElement.GetProperty("server").GetString());
        Assert.Equal("a\\b", doc.RootElement.GetProperty("command").GetString());
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
