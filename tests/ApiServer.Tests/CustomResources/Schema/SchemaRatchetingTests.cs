using Orchestrator.ApiServer.CustomResources.Schema;
using Orchestrator.ApiServer.Errors;
using Xunit;
using static Orchestrator.ApiServer.Tests.CustomResources.Schema.SchemaTestData;

namespace Orchestrator.ApiServer.Tests.CustomResources.Schema;

/// <summary>Upstream's validation ratcheting on update: invalid values stored before the schema got stricter may stay.</summary>
public sealed class SchemaRatchetingTests
{
    private static readonly StructuralSchema Strict = Spec(""" "name":{"type":"string","maxLength":3}, "size":{"type":"integer","maximum":5}, "ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object","required":["name"],"properties":{"name":{"type":"string"},"port":{"type":"integer","maximum":100}}}} """);

    public static TheoryData<string, string, string[]> Cases => new()
    {
        // The too-long name was already stored: changing another field is allowed.
        { """{"name":"toolong","size":1}""", """{"name":"toolong","size":2}""", [] },

        // Changing the invalid value itself is not.
        { """{"name":"toolong"}""", """{"name":"toolonger"}""", ["spec.name: Too long: may not be more than 3 bytes"] },

        // A new invalid value is refused.
        { """{"name":"ok"}""", """{"name":"ok","size":9}""", ["spec.size: Invalid value: 9: spec.size in body should be less than or equal to 5"] },

        // Map-list items correlate by key, whatever their order.
        { """{"ports":[{"name":"a","port":500},{"name":"b","port":1}]}""", """{"ports":[{"name":"b","port":2},{"name":"a","port":500}]}""", [] },
        { """{"ports":[{"name":"a","port":500}]}""", """{"ports":[{"name":"c","port":500}]}""", ["spec.ports[0].port: Invalid value: 500: spec.ports[0].port in body should be less than or equal to 100"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Errors_of_unchanged_values_are_ratcheted(string oldSpec, string newSpec, string[] expected)
    {
        var causes = new List<StatusCause>();

        SchemaValidation.ValidateUpdate(Json($$"""{"spec":{{oldSpec}}}"""), Json($$"""{"spec":{{newSpec}}}"""), Strict, causes);

        Assert.Equal(expected, Print(causes));
    }

    [Fact]
    public void A_failing_rule_over_an_unchanged_value_becomes_a_warning()
    {
        var schema = Spec(""" "a":{"type":"integer"}, "b":{"type":"integer"}, "inner":{"type":"object","properties":{"x":{"type":"integer"}},"x-kubernetes-validations":[{"rule":"self.x > 0"}]} """);
        var causes = new List<StatusCause>();
        var warnings = new List<string>();

        SchemaValidation.ValidateUpdate(Json("""{"spec":{"a":1,"inner":{"x":0}}}"""), Json("""{"spec":{"a":2,"inner":{"x":0}}}"""), schema, causes, warnings);

        Assert.Empty(causes);
        Assert.Equal(["spec.inner: Invalid value: \"object\": failed rule: self.x > 0"], warnings);
    }
}
