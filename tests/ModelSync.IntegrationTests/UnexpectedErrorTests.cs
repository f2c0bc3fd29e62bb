using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// Whatever a command handler throws reaches the user as one error line (and one JSON error document with --json),
/// exit 1, and says it is a bug and how to report it: the real handler runner, with a handler that fails as a bug would.
/// </summary>
public sealed class UnexpectedErrorTests
{
    private static async Task<CliResult> RunFailingAsync(Exception failure, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ModelSync.Cli.Cli.RunAsync(ModelSync.Cli.Cli.Parse(args), _ => throw failure, output, error, CancellationToken.None);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static TheoryData<Exception> Bugs => new()
    {
        new ArgumentException("An item with the same key has already been added. Key: config.pbtxt"),
        new KeyNotFoundException("The given key '1/model.onnx' was not present in the dictionary."),
        new OverflowException("TimeSpan overflowed\nbecause the duration is too long."),
        new IOException("No space left on device"),
    };

    [Theory]
    [MemberData(nameof(Bugs))]
    public async Task AnyExceptionIsOneErrorLineExit1AndAHintThatItIsABug(Exception failure)
    {
        var result = await RunFailingAsync(failure, "push", "./my model", "alpha");

        var line = CliAssert.Error(result, 1, failure.GetType().Name, "bug in model-sync", "MODEL_SYNC_DEBUG=1 model-sync push './my model' alpha");
        Assert.Equal([line], result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task WithJsonItIsOneErrorDocumentOnStdoutAsDocumented()
    {
        var result = await RunFailingAsync(new ArgumentException("An item with the same key has already been added."), "verify", "alpha:m", "--json");

        JsonSchemas.Valid(result, "error.schema.json");
        CliAssert.JsonError(result, 1, "ArgumentException", "bug in model-sync");
    }
}
