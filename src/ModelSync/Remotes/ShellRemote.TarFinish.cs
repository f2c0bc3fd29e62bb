using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.Remotes;

/// <summary>A small new model's tar stream and the verify-and-publish after it, as one call (<see cref="RemoteScripts.TarFinish"/>).</summary>
public abstract partial class ShellRemote
{
    public TarFinishCall? TarFinishCall(string target, StageFinishRequest request)
    {
        if (request.Source.RootKind != EntryKind.Directory) return null;
        var (arguments, stdin) = FinishStageInput(target, request);
        // The expectations ride in the command line: stdin carries the tar stream.
        return InlineInput.Escaped(stdin) is { } escaped
            ? new TarFinishCall(ScriptProcess(RemoteScripts.TarFinish, [StageNames.Stage(target), request.Retry ? "retry" : "first", escaped, .. arguments]), stdout => ReadFinish(stdout, target, request))
            : null;
    }
}
