using ModelSync.Doctor;

namespace ModelSync.Tests.Doctor;

public sealed class DoctorResultTests
{
    private static DoctorCheck With(CheckStatus status) => new(DoctorStep.Dns, "alpha", status, "r", status == CheckStatus.Ok ? null : "fix");

    [Theory]
    [InlineData(CheckStatus.Ok, true)]
    [InlineData(CheckStatus.Warning, true)]
    [InlineData(CheckStatus.Failed, false)]
    [InlineData(CheckStatus.Skipped, false)]
    public void ACheckPassesWhenOkOrAWarning(CheckStatus status, bool passed) =>
        Assert.Equal(passed, With(status).Passed);

    [Theory]
    [InlineData(new[] { CheckStatus.Ok, CheckStatus.Ok }, 0)]
    [InlineData(new[] { CheckStatus.Ok, CheckStatus.Warning }, 0)]
    [InlineData(new[] { CheckStatus.Ok, CheckStatus.Failed }, 1)]
    [InlineData(new[] { CheckStatus.Warning, CheckStatus.Failed, CheckStatus.Skipped }, 1)]
    [InlineData(new[] { CheckStatus.Skipped }, 1)]
    public void ExitCodeIsZeroOnlyWhenEveryCheckPasses(CheckStatus[] statuses, int exitCode)
    {
        var result = new DoctorResult(statuses.Select(With).ToList());
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(exitCode == 0, result.Ok);
    }

    [Fact]
    public void NoChecksAtAllIsAPass() => Assert.Equal(0, new DoctorResult([]).ExitCode);

    [Fact]
    public void StepFactoriesSetStatusAndFix()
    {
        Assert.Equal(new DoctorCheck(DoctorStep.Tcp, "a", CheckStatus.Ok, "open", null), DoctorStep.Tcp.Ok("a", "open"));
        Assert.Equal(new DoctorCheck(DoctorStep.Tcp, "a", CheckStatus.Warning, "slow", "f"), DoctorStep.Tcp.Warn("a", "slow", "f"));
        Assert.Equal(new DoctorCheck(DoctorStep.Tcp, null, CheckStatus.Failed, "closed", "f"), DoctorStep.Tcp.Fail(null, "closed", "f"));
        Assert.Equal(new DoctorCheck(DoctorStep.Tcp, "a", CheckStatus.Skipped, "needs DNS", null), DoctorStep.Tcp.Skip("a", "needs DNS"));
    }
}
