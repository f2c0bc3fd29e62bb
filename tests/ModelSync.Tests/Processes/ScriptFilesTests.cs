using System.Reflection;
using ModelSync.Manifests;
using ModelSync.Processes;
using ModelSync.Publishing;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Processes;

public sealed class ScriptFilesTests
{
    public static TheoryData<string> EmbeddedNames() => [.. ScriptFiles.Names];

    /// <summary>Every script property the code runs, by class and name: each is loaded from its file.</summary>
    public static TheoryData<string, string> Accessors()
    {
        var data = new TheoryData<string, string>();
        Type[] holders = [typeof(RemoteScripts), typeof(CopyScripts), typeof(FollowScripts), typeof(DoctorScripts), typeof(InterruptedPublish),
            typeof(ProcessRunner), typeof(ByteArguments)];
        foreach (var holder in holders)
        {
            foreach (var property in holder.GetProperties(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (property.PropertyType == typeof(string)) data.Add(holder.FullName!, property.Name);
            }
        }
        return data;
    }

    [Fact]
    public void TheScriptsAreEmbedded() =>
        Assert.Contains("scan.sh", ScriptFiles.Names);

    [Theory]
    [MemberData(nameof(EmbeddedNames))]
    public void EveryEmbeddedScriptLoadsWithText(string name)
    {
        Assert.EndsWith(".sh", name, StringComparison.Ordinal);
        var text = ScriptFiles.Load(name);
        Assert.False(string.IsNullOrWhiteSpace(text));
        // Scripts are joined one after another: a last line without its newline would run into the next file's first.
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Accessors))]
    public void EveryScriptTheCodeRunsIsLoadedFromAFileAndParses(string holder, string property)
    {
        var type = typeof(ScriptFiles).Assembly.GetType(holder, throwOnError: true)!;
        var text = (string?)type.GetProperty(property, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(null);
        Assert.False(string.IsNullOrWhiteSpace(text));
        // As joined from its files: sh -n parses without running (TestProcess throws on a non-zero exit).
        TestProcess.RunBytes("/bin/sh", ["-n", "-c", text]);
    }

    [Fact]
    public void TheScriptPropertiesAreFound() =>
        Assert.Contains(Accessors(), row => (string)row[0] == typeof(RemoteScripts).FullName && (string)row[1] == nameof(RemoteScripts.Scan));

    [Fact]
    public void AMissingScriptIsNamedInTheError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ScriptFiles.Load("no-such-script.sh"));
        Assert.Contains("no-such-script.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScriptsAreJoinedInTheOrderNamed() =>
        Assert.Equal(ScriptFiles.Load("remove.sh") + ScriptFiles.Load("rsync.sh"), ScriptFiles.Load("remove.sh", "rsync.sh"));

    [Fact]
    public void DataIsNotSplicedIntoTheScanOrTheManifestWriter()
    {
        Assert.DoesNotContain(ModelManifest.FileName, RemoteScripts.Scan, StringComparison.Ordinal);
        Assert.DoesNotContain(ModelManifest.FileName, RemoteScripts.WriteManifest, StringComparison.Ordinal);
        Assert.Contains(ModelManifest.FileName, RemoteScripts.ScanArguments("/m"));
        Assert.Contains(ModelManifest.FileName, RemoteScripts.RemoveManifestArguments("/m"));
    }
}
