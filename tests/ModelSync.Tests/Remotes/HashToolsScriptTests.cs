using System.Runtime.Versioning;
using System.Text;
using ModelSync.Hashing;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

/// <summary>
/// The shell's statement of which program computes which hash (hash-tools.sh) against C#'s (<see cref="HashFunction"/>),
/// run by this machine's sh with a PATH holding only stand-ins for the programs chosen.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class HashToolsScriptTests : IDisposable
{
    private readonly DirectoryInfo _bin = Directory.CreateTempSubdirectory("ms-hash-tools-");

    public void Dispose() => _bin.Delete(recursive: true);

    private void Provide(IEnumerable<string> tools)
    {
        foreach (var tool in tools) File.CreateSymbolicLink(Path.Join(_bin.FullName, tool), "/bin/true");
    }

    private string Run(string commands) =>
        Encoding.UTF8.GetString(TestProcess.RunBytes("/usr/bin/env",
            ["-i", "PATH=" + _bin.FullName, "/bin/sh", "-c", ScriptFiles.Load(RemoteScripts.HashTools) + commands])).TrimEnd('\n');

    [Fact]
    public void TheShellKnowsTheSameProgramsInTheSameOrder()
    {
        Provide(HashFunction.AllTools);
        Assert.Equal(HashFunction.AllTools, Run("ms_each_hash_tool printf '%s\\n'").Split('\n'));
    }

    [Fact]
    public void OnlyProgramsOnPathAreListed()
    {
        Provide(["sha256sum", "b3sum"]);
        Assert.Equal(["sha256sum", "b3sum"], Run("ms_each_hash_tool printf '%s\\n'").Split('\n'));
    }

    [Fact]
    public void EachHashIsComputedByItsPreferredProgram()
    {
        Provide(HashFunction.AllTools);
        foreach (var function in HashFunction.All)
            Assert.Equal(function.Tools[0], Run($"ms_hash_tool {function.Name}"));
    }

    [Fact]
    public void Sha256FallsBackToTheNextProgram()
    {
        Provide(HashFunction.AllTools.Except(["openssl"]));
        Assert.Equal(HashFunction.Sha256.Tools[1], Run($"ms_hash_tool {HashFunction.Sha256.Name}"));
    }
}
