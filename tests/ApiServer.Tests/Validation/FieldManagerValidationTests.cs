using Orchestrator.ApiServer.Tests.Defaulting;
using Orchestrator.ApiServer.Validation;

namespace Orchestrator.ApiServer.Tests.Validation;

/// <summary>Upstream's ValidateFieldManager: at most 128 bytes, printable characters only.</summary>
public sealed class FieldManagerValidationTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        { "", [] },
        { "kubectl-client-side-apply", [] },
        { "with space and ünïcödé", [] },
        { new string('m', 128), [] },
        { new string('m', 129), ["FieldValueTooLong fieldManager: Too long: may not be more than 128 bytes"] },
        { new string('é', 65), ["FieldValueTooLong fieldManager: Too long: may not be more than 128 bytes"] },
        { "a\tb", ["FieldValueInvalid fieldManager: Invalid value: \"a\\tb\": invalid character U+0009 (at position 1)"] },
        { "é\u007f", ["FieldValueInvalid fieldManager: Invalid value: \"é\\x7f\": invalid character U+007F (at position 2)"] },
        { "a\u00a0", ["FieldValueInvalid fieldManager: Invalid value: \"a\u00a0\": invalid character U+00A0 (at position 1)"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Field_managers_are_short_and_printable(string manager, string[] expected)
    {
        Assert.Equal(expected, FieldManagerValidation.Check(manager, "fieldManager").Select(c => $"{c.Reason} {c.Field}: {c.Message}"));
    }

    [Fact]
    public void Bad_options_are_a_422_on_the_options_kind()
    {
        var error = Assert.Throws<Errors.ApiException>(() => FieldManagerValidation.CheckOptions(Served.Resource("", "configmaps"), "CreateOptions", new string('m', 129)));

        Assert.Equal(422, error.Code);
        Assert.Equal("CreateOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be more than 128 bytes", error.Message);
        Assert.Equal(("meta.k8s.io", "CreateOptions"), (error.DetailsGroup, error.DetailsKind));
    }
}
