using Orchestrator.ApiServer.CustomResources.Schema;
using Orchestrator.ApiServer.Errors;
using Xunit;
using static Orchestrator.ApiServer.Tests.CustomResources.Schema.SchemaTestData;

namespace Orchestrator.ApiServer.Tests.CustomResources.Schema;

/// <summary>x-kubernetes-validations rules run with the Cel package, reported as upstream's cel.Validator reports them.</summary>
public sealed class CelValidationTests
{
    private const string Replicas = """ "minReplicas":{"type":"integer"}, "maxReplicas":{"type":"integer"}, "name":{"type":"string"}, "items":{"type":"array","items":{"type":"string"}}, "dash-name":{"type":"string"} """;

    private static StructuralSchema WithRule(string rule, string extra = "") =>
        Spec(Replicas, $$""","x-kubernetes-validations":[{"rule":{{System.Text.Json.JsonSerializer.Serialize(rule)}}{{extra}}}]""");

    public static TheoryData<string, string, string[]> Cases => new()
    {
        { "self.minReplicas <= self.maxReplicas", """{"minReplicas":1,"maxReplicas":3}""", [] },
        { "self.minReplicas <= self.maxReplicas", """{"minReplicas":5,"maxReplicas":3}""", ["spec: Invalid value: \"object\": failed rule: self.minReplicas <= self.maxReplicas"] },
        { "has(self.name)", """{}""", ["spec: Invalid value: \"object\": failed rule: has(self.name)"] },
        { "size(self.items) < 2", """{"items":["a"]}""", [] },
        { "size(self.items) < 2", """{"items":["a","b"]}""", ["spec: Invalid value: \"object\": failed rule: size(self.items) < 2"] },
        { "self.name.startsWith('a') && self.name.lowerAscii() == 'abc'", """{"name":"aBc"}""", [] },
        { "self.items.all(i, i.matches('^[a-z]+$'))", """{"items":["ok","NOT"]}""", ["spec: Invalid value: \"object\": failed rule: self.items.all(i, i.matches('^[a-z]+$'))"] },
        { "self.dash__dash__name == 'x'", """{"dash-name":"x"}""", [] },
        { "self.minReplicas / 0 > 1", """{"minReplicas":1}""", ["spec: Invalid value: \"object\": division by zero evaluating rule: self.minReplicas / 0 > 1"] },
        { "self.name.split('-').size() == 2", """{"name":"a-b"}""", [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rules_run_at_their_schema_node(string rule, string spec, string[] expected)
    {
        var causes = new List<StatusCause>();

        SchemaValidation.Validate(Json($$"""{"spec":{{spec}}}"""), WithRule(rule), causes);

        Assert.Equal(expected, Print(causes));
    }

    [Fact]
    public void A_message_reason_and_field_path_shape_the_error()
    {
        var causes = new List<StatusCause>();
        var schema = WithRule("self.minReplicas <= self.maxReplicas", ""","message":"min must not exceed max","reason":"FieldValueForbidden","fieldPath":".minReplicas" """);

        SchemaValidation.Validate(Json("""{"spec":{"minReplicas":4,"maxReplicas":3}}"""), schema, causes);

        Assert.Equal(["spec.minReplicas: Forbidden: min must not exceed max"], Print(causes));
        Assert.Equal("FieldValueForbidden", causes[0].Reason);
    }

    [Fact]
    public void A_message_expression_replaces_the_message()
    {
        var causes = new List<StatusCause>();
        var schema = WithRule("self.minReplicas <= self.maxReplicas", ""","messageExpression":"'min ' + string(self.minReplicas) + ' is above max'" """);

        SchemaValidation.Validate(Json("""{"spec":{"minReplicas":4,"maxReplicas":3}}"""), schema, causes);

        Assert.Equal(["spec: Invalid value: \"object\": min 4 is above max"], Print(causes));
    }

    [Fact]
    public void Transition_rules_run_only_on_update_with_the_old_value()
    {
        var schema = Spec(""" "name":{"type":"string","x-kubernetes-validations":[{"rule":"self == oldSelf","message":"name is immutable"}]} """);
        var created = new List<StatusCause>();
        var updated = new List<StatusCause>();
        var unchanged = new List<StatusCause>();

        SchemaValidation.Validate(Json("""{"spec":{"name":"a"}}"""), schema, created);
        SchemaValidation.ValidateUpdate(Json("""{"spec":{"name":"a"}}"""), Json("""{"spec":{"name":"b"}}"""), schema, updated);
        SchemaValidation.ValidateUpdate(Json("""{"spec":{"name":"a"}}"""), Json("""{"spec":{"name":"a"}}"""), schema, unchanged);

        Assert.Empty(created);
        Assert.Equal(["spec.name: Invalid value: \"string\": name is immutable"], Print(updated));
        Assert.Empty(unchanged);
    }

    [Fact]
    public void Transition_rules_correlate_list_map_items_by_key()
    {
        var schema = Spec(""" "ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object","required":["name"],"properties":{"name":{"type":"string"},"port":{"type":"integer","x-kubernetes-validations":[{"rule":"self >= oldSelf"}]}}}} """);
        var causes = new List<StatusCause>();

        SchemaValidation.ValidateUpdate(
            Json("""{"spec":{"ports":[{"name":"a","port":80},{"name":"b","port":90}]}}"""),
            Json("""{"spec":{"ports":[{"name":"b","port":91},{"name":"a","port":79},{"name":"c","port":1}]}}"""),
            schema,
            causes);

        Assert.Equal(["spec.ports[1].port: Invalid value: \"integer\": failed rule: self >= oldSelf"], Print(causes));
    }

    [Fact]
    public void A_rule_over_a_huge_list_stops_at_the_per_call_cost_limit()
    {
        var schema = Spec(""" "items":{"type":"array","items":{"type":"integer"}} """, ""","x-kubernetes-validations":[{"rule":"self.items.all(x, self.items.all(y, x + y >= 0))"}]""");
        var items = string.Join(",", Enumerable.Range(0, 350));
        var causes = new List<StatusCause>();

        SchemaValidation.Validate(Json("{\"spec\":{\"items\":[" + items + "]}}"), schema, causes);

        Assert.Equal(
            ["spec: Invalid value: \"object\": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: self.items.all(x, self.items.all(y, x + y >= 0))"],
            Print(causes));
    }
}
