using System.Reflection;
using ModelSync.Doctor;
using ModelSync.Reporting.Json;

namespace ModelSync.Tests.Reporting.Json;

/// <summary>The doctor schema lists the check names scripts may see: exactly the names of the steps doctor has.</summary>
public sealed class DoctorNameValuesTests
{
    [Fact]
    public void DoctorCheckNameValuesAreTheStepsNames()
    {
        var steps = typeof(DoctorStep).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DoctorStep))
            .Select(f => ((DoctorStep)f.GetValue(null)!).Name)
            .ToHashSet();
        var values = typeof(DoctorCheckJson).GetProperty(nameof(DoctorCheckJson.Name))!.GetCustomAttribute<ValuesAttribute>()!.Values.Cast<string>().ToHashSet();

        Assert.Equal(steps.Order(StringComparer.Ordinal), values.Order(StringComparer.Ordinal));
    }
}
