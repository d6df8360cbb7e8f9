using Orchestrator.ApiServer.CustomResources.Schema;
using Orchestrator.ApiServer.Errors;
using Xunit;
using static Orchestrator.ApiServer.Tests.CustomResources.Schema.SchemaTestData;

namespace Orchestrator.ApiServer.Tests.CustomResources.Schema;

/// <summary>Custom resources against their schema: upstream's field paths and kube-openapi's texts (pkg/validation/errors/schema.go).</summary>
public sealed class SchemaValidationTests
{
    public static TheoryData<string, string, string[]> Invalid => new()
    {
        { """ "replicas":{"type":"integer"} """, """{"replicas":"string"}""", ["spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""] },
        { """ "replicas":{"type":"integer"} """, """{"replicas":1.5}""", ["spec.replicas: Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\""] },
        { """ "replicas":{"type":"integer"} """, """{"replicas":null}""", ["spec.replicas: Invalid value: \"null\": spec.replicas in body must be of type integer: \"null\""] },
        { """ "name":{"type":"string"} """, """{"name":{"a":1}}""", ["spec.name: Invalid value: \"object\": spec.name in body must be of type string: \"object\""] },
        { """ "flag":{"type":"boolean"} """, """{"flag":"true"}""", ["spec.flag: Invalid value: \"string\": spec.flag in body must be of type boolean: \"string\""] },
        { """ "items":{"type":"array","items":{"type":"string"}} """, """{"items":["a",2]}""", ["spec.items[1]: Invalid value: \"integer\": spec.items[1] in body must be of type string: \"integer\""] },
        { """ "port":{"x-kubernetes-int-or-string":true} """, """{"port":true}""", ["spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\""] },
        { """ "replicas":{"type":"integer","maximum":10} """, """{"replicas":11}""", ["spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10"] },
        { """ "replicas":{"type":"integer","maximum":10,"exclusiveMaximum":true} """, """{"replicas":10}""", ["spec.replicas: Invalid value: 10: spec.replicas in body should be less than 10"] },
        { """ "replicas":{"type":"integer","minimum":1} """, """{"replicas":0}""", ["spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1"] },
        { """ "ratio":{"type":"number","minimum":0.5,"exclusiveMinimum":true} """, """{"ratio":0.5}""", ["spec.ratio: Invalid value: 0.5: spec.ratio in body should be greater than 0.5"] },
        { """ "n":{"type":"integer","multipleOf":5} """, """{"n":7}""", ["spec.n: Invalid value: 7: spec.n in body should be a multiple of 5"] },
        { """ "name":{"type":"string","maxLength":3} """, """{"name":"abcd"}""", ["spec.name: Too long: may not be more than 3 bytes"] },
        { """ "name":{"type":"string","minLength":3} """, """{"name":"ab"}""", ["spec.name: Invalid value: \"ab\": spec.name in body should be at least 3 chars long"] },
        { """ "name":{"type":"string","pattern":"^a+$"} """, """{"name":"ab"}""", ["spec.name: Invalid value: \"ab\": spec.name in body should match '^a+$'"] },
        { """ "mode":{"type":"string","enum":["a","b"]} """, """{"mode":"x"}""", ["spec.mode: Unsupported value: \"x\": supported values: \"a\", \"b\""] },
        { """ "level":{"type":"integer","enum":[1,2]} """, """{"level":3}""", ["spec.level: Unsupported value: 3: supported values: \"1\", \"2\""] },
        { """ "list":{"type":"array","items":{"type":"string"},"maxItems":1} """, """{"list":["a","b"]}""", ["spec.list: Too many: 2: must have at most 1 item"] },
        { """ "list":{"type":"array","items":{"type":"string"},"minItems":2} """, """{"list":["a"]}""", ["spec.list: Invalid value: 1: spec.list in body should have at least 2 items"] },
        { """ "labels":{"type":"object","additionalProperties":{"type":"string"},"maxProperties":1} """, """{"labels":{"a":"1","b":"2"}}""", ["spec.labels: Too many: 2: must have at most 1 item"] },
        { """ "labels":{"type":"object","additionalProperties":{"type":"string"},"minProperties":2} """, """{"labels":{"a":"1"}}""", ["spec.labels: Invalid value: 1: spec.labels in body should have at least 2 properties"] },
        { """ "labels":{"type":"object","additionalProperties":{"type":"integer"}} """, """{"labels":{"a":"x"}}""", ["spec.labels.a: Invalid value: \"string\": spec.labels.a in body must be of type integer: \"string\""] },
        { """ "day":{"type":"string","format":"date"} """, """{"day":"2024-02-30"}""", ["spec.day: Invalid value: \"2024-02-30\": spec.day in body must be of type date: \"2024-02-30\""] },
        { """ "ip":{"type":"string","format":"ipv4"} """, """{"ip":"10.0.0"}""", ["spec.ip: Invalid value: \"10.0.0\": spec.ip in body must be of type ipv4: \"10.0.0\""] },
        { """ "inner":{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}} """, """{"inner":{}}""", ["spec.inner.name: Required value"] },
        {
            """ "one":{"type":"integer","anyOf":[{"minimum":5},{"maximum":1}]} """, """{"one":3}""",
            ["<nil>: Invalid value: \"\": \"spec.one\" must validate at least one schema (anyOf)", "spec.one: Invalid value: 3: spec.one in body should be greater than or equal to 5"]
        },
        { """ "v":{"type":"string","not":{"enum":["x"]}} """, """{"v":"x"}""", ["<nil>: Invalid value: \"\": \"spec.v\" must not validate the schema (not)"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_values_are_reported_as_upstream_reports_them(string specProperties, string spec, string[] expected)
    {
        var causes = new List<StatusCause>();

        SchemaValidation.Validate(Json($$"""{"spec":{{spec}}}"""), Spec(specProperties), causes);

        Assert.Equal(expected, Print(causes));
    }

    public static TheoryData<string, string> Valid => new()
    {
        { """ "replicas":{"type":"integer"} """, """{"replicas":3}""" },
        { """ "replicas":{"type":"integer"} """, """{"replicas":3.0}""" },
        { """ "ratio":{"type":"number"} """, """{"ratio":3}""" },
        { """ "port":{"x-kubernetes-int-or-string":true} """, """{"port":"http"}""" },
        { """ "name":{"type":"string","nullable":true} """, """{"name":null}""" },
        { """ "any":{"x-kubernetes-preserve-unknown-fields":true} """, """{"any":{"x":[1,"a"]}}""" },
        { """ "day":{"type":"string","format":"date-time"} """, """{"day":"2024-02-03T04:05:06Z"}""" },
        { """ "q":{"type":"string","format":"quantity"} """, """{"q":"not a quantity, and upstream ignores the format"}""" },
        { """ "n":{"type":"integer","format":"int32","maximum":10} """, """{"n":10}""" },
        { """ "one":{"type":"integer","anyOf":[{"minimum":5},{"maximum":1}]} """, """{"one":7}""" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_values_pass(string specProperties, string spec)
    {
        var causes = new List<StatusCause>();

        SchemaValidation.Validate(Json($$"""{"spec":{{spec}}}"""), Spec(specProperties), causes);

        Assert.Empty(causes);
    }

    [Fact]
    public void Required_fields_at_the_root_have_no_leading_dot()
    {
        var causes = new List<StatusCause>();
        var schema = SchemaOf("""{"type":"object","required":["spec"],"properties":{"spec":{"type":"object"}}}""");

        SchemaValidation.Validate(Json("{}"), schema, causes);

        Assert.Equal(["spec: Required value"], Print(causes));
        Assert.Equal("FieldValueRequired", causes[0].Reason);
    }

    [Fact]
    public void Set_and_map_lists_report_each_repeat_once_with_its_index()
    {
        var causes = new List<StatusCause>();
        var schema = Spec(""" "tags":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}}, "ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object","required":["name"],"properties":{"name":{"type":"string"},"port":{"type":"integer"}}}} """);

        SchemaValidation.Validate(Json("""{"spec":{"tags":["a","b","a","a"],"ports":[{"name":"x","port":1},{"name":"x","port":2}]}}"""), schema, causes);

        Assert.Equal(
            ["spec.tags[2]: Duplicate value: \"a\"", "spec.ports[1]: Duplicate value: map[string]interface {}{\"name\":\"x\"}"],
            Print(causes));
    }

    [Fact]
    public void Embedded_resources_need_api_version_and_kind()
    {
        var causes = new List<StatusCause>();
        var schema = Spec(""" "template":{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true} """);

        SchemaValidation.Validate(Json("""{"spec":{"template":{"metadata":{"name":"a/b"}}}}"""), schema, causes);

        Assert.Equal(
            [
                "spec.template.apiVersion: Required value",
                "spec.template.kind: Required value",
                "spec.template.metadata.name: Invalid value: \"a/b\": may not contain '/'",
            ],
            Print(causes));
    }

    [Fact]
    public void Rules_are_skipped_with_upstreams_notice_when_a_value_has_the_wrong_type()
    {
        var causes = new List<StatusCause>();
        var schema = Spec(""" "replicas":{"type":"integer"} """, ""","x-kubernetes-validations":[{"rule":"self.replicas > 0"}]""");

        SchemaValidation.Validate(Json("""{"spec":{"replicas":"x"}}"""), schema, causes);

        Assert.Equal(2, causes.Count);
        Assert.Equal("<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation", Print(causes)[1]);
    }
}
