using System.Text.Json.Nodes;
using Orchestrator.ApiServer.CustomResources.Schema;
using Orchestrator.ApiServer.Errors;
using Xunit;
using static Orchestrator.ApiServer.Tests.CustomResources.Schema.SchemaTestData;

namespace Orchestrator.ApiServer.Tests.CustomResources.Schema;

/// <summary>A CRD's openAPIV3Schema checked as upstream's apiextensions validation checks it (messages from validation.go and schema/validation.go).</summary>
public sealed class CrdSchemaValidationTests
{
    private const string At = "spec.versions[0].schema.openAPIV3Schema";

    public static TheoryData<string, string[]> Refused => new()
    {
        { """{"type":"object","properties":{"spec":{"properties":{"a":{"type":"string"}}}}}""", [$"{At}.properties[spec].type: Required value: must not be empty for specified object fields"] },
        { """{"type":"object","properties":{"spec":{"type":"array"}}}""", [$"{At}.properties[spec].items: Required value: must be specified"] },
        { """{"type":"object","properties":{"l":{"type":"array","items":{}}}}""", [$"{At}.properties[l].items.type: Required value: must not be empty for specified array items"] },
        { """{"type":"string"}""", [$"{At}.type: Invalid value: \"string\": must be object at the root"] },
        { """{"properties":{"a":{"type":"string"}}}""", [$"{At}.type: Required value: must not be empty at the root"] },
        { """{"type":"object","nullable":true}""", [$"{At}.nullable: Forbidden: nullable cannot be true at the root"] },
        { """{"type":"object","additionalProperties":{"type":"string"}}""", [$"{At}.additionalProperties: Forbidden: must not be used at the root"] },
        { """{"type":"object","properties":{"l":{"type":"array","uniqueItems":true,"items":{"type":"string"}}}}""", [$"{At}.properties[l].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic"] },
        { """{"type":"object","properties":{"m":{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{"type":"string"}}}}""", [$"{At}.properties[m].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive"] },
        { """{"type":"object","x-kubernetes-preserve-unknown-fields":false}""", [$"{At}.x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined"] },
        { """{"type":"object","properties":{"metadata":{"type":"object","properties":{"labels":{"type":"object"}}}}}""", [$"{At}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified"] },
        { """{"type":"object","properties":{"kind":{"type":"integer"}}}""", [$"{At}.properties[kind].type: Invalid value: \"integer\": must be string"] },
        { """{"type":"object","properties":{"v":{"type":"string","anyOf":[{"type":"string"}]}}}""", [$"{At}.properties[v].anyOf[0].type: Forbidden: must be empty to be structural"] },
        { """{"type":"object","properties":{"v":{"type":"string","allOf":[{"description":"d","nullable":true}]}}}""", [$"{At}.properties[v].allOf[0].description: Forbidden: must be empty to be structural", $"{At}.properties[v].allOf[0].nullable: Forbidden: must be false to be structural"] },
        { """{"type":"object","properties":{"a":{"type":"string"}},"anyOf":[{"properties":{"b":{"minLength":1}}}]}""", [$"{At}.properties[b]: Required value: because it is defined in {At}.anyOf[0].properties[b]"] },
        { """{"type":"object","properties":{"t":{"x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true}}}""", [$"{At}.properties[t].type: Required value: must be object if x-kubernetes-embedded-resource is true"] },
        { """{"type":"object","properties":{"t":{"type":"object","x-kubernetes-embedded-resource":true}}}""", [$"{At}.properties[t].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"] },
        { """{"type":"object","properties":{"p":{"x-kubernetes-int-or-string":true,"x-kubernetes-preserve-unknown-fields":true}}}""", [$"{At}.properties[p].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true"] },
        { """{"type":"object","properties":{"s":{"type":"string","pattern":"(a"}}}""", [$"{At}.properties[s].pattern: Invalid value: \"(a\": must be a valid regular expression, but isn't: error parsing regexp: missing closing ): `(a`"] },
        { """{"type":"object","properties":{"s":{"type":"string","pattern":"(?=a)b"}}}""", [$"{At}.properties[s].pattern: Invalid value: \"(?=a)b\": must be a valid regular expression, but isn't: error parsing regexp: invalid or unsupported Perl syntax: `(?=`"] },
        { """{"type":"object","properties":{"n":{"type":"integer","default":"x"}}}""", [$"{At}.properties[n].default: Invalid value: \"string\":  in body must be of type integer: \"string\""] },
        { """{"type":"object","properties":{"o":{"type":"object","properties":{"a":{"type":"string"}},"default":{"a":"x","b":1}}}}""", [$"{At}.properties[o].default: Invalid value: map[string]interface {{}}{{\"a\":\"x\", \"b\":1}}: must not have unknown fields"] },
        { """{"type":"object","properties":{"o":{"type":"object","properties":{"a":{"type":"integer","maximum":3}},"default":{"a":5}}}}""", [$"{At}.properties[o].default.a: Invalid value: 5: a in body should be less than or equal to 3"] },
        { """{"type":"object","properties":{"metadata":{"type":"object","default":{}}}}""", [$"{At}.properties[metadata].default: Forbidden: must not be set in top-level metadata"] },
        { """{"type":"object","properties":{"t":{"type":"string","$ref":"#/x"}}}""", [$"{At}.properties[t].$ref: Forbidden: $ref is not supported"] },
        { """{"type":"object","properties":{"t":{"type":"null"}}}""", [$"{At}.properties[t].type: Unsupported value: \"null\": supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\"", $"{At}.properties[t].type: Forbidden: type cannot be set to null, use nullable as an alternative"] },
        { """{"type":"object","properties":{"l":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object","properties":{"name":{"type":"string"}}}}}}""", [$"{At}.properties[l].items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"] },
        { """{"type":"object","properties":{"l":{"type":"array","x-kubernetes-list-type":"map","items":{"type":"object","properties":{"name":{"type":"string"}}}}}}""", [$"{At}.properties[l].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map"] },
        { """{"type":"object","properties":{"l":{"type":"array","x-kubernetes-list-type":"bag","items":{"type":"string"}}}}""", [$"{At}.properties[l].x-kubernetes-list-type: Unsupported value: \"bag\": supported values: \"atomic\", \"set\", \"map\""] },
        { """{"type":"object","properties":{"m":{"type":"string","x-kubernetes-map-type":"atomic"}}}""", [$"{At}.properties[m].type: Invalid value: \"string\": must be object if x-kubernetes-map-type is specified"] },
        { """{"type":"object","x-kubernetes-validations":[{"rule":""}]}""", [$"{At}.x-kubernetes-validations[0].rule: Required value: rule is not specified"] },
        { """{"type":"object","x-kubernetes-validations":[{"rule":"true","reason":"Bad"}]}""", [$"{At}.x-kubernetes-validations[0].reason: Unsupported value: \"Bad\": supported values: \"FieldValueDuplicate\", \"FieldValueForbidden\", \"FieldValueInvalid\", \"FieldValueRequired\""] },
        { """{"type":"object","properties":{"a":{"type":"string"}},"x-kubernetes-validations":[{"rule":"true","fieldPath":".b"}]}""", [$"{At}.x-kubernetes-validations[0].fieldPath: Invalid value: \".b\": fieldPath must be a valid path"] },
        {
            """{"type":"object","properties":{"a":{"type":"string"}},"x-kubernetes-validations":[{"rule":"quantity(self.a) > 1"}]}""",
            [$"{At}.x-kubernetes-validations[0].rule: Invalid value: apiextensions.ValidationRule{{Rule:\"quantity(self.a) > 1\", Message:\"\", MessageExpression:\"\", Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:\"\", OptionalOldSelf:(*bool)(nil)}}: compilation failed: ERROR: <input>:1:1: undeclared reference to 'quantity' (in container '')"]
        },
        {
            """{"type":"object","properties":{"l":{"type":"array","items":{"type":"string","x-kubernetes-validations":[{"rule":"self == oldSelf"}]}}}}""",
            [$"{At}.properties[l].items.x-kubernetes-validations[0].rule: Invalid value: \"self == oldSelf\": oldSelf cannot be used on the uncorrelatable portion of the schema within {At}.properties[l]"]
        },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Schemas_upstream_refuses_are_refused_with_its_messages(string schema, string[] expected)
    {
        var causes = new List<StatusCause>();

        CrdSchemaValidation.Validate(Json(schema), At, causes);

        Assert.Equal(expected, Print(causes));
    }

    public static TheoryData<string> Accepted => new()
    {
        """{"type":"object","properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},"spec":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}""",
        """{"type":"object","properties":{"metadata":{"type":"object","properties":{"name":{"type":"string","maxLength":20}}}}}""",
        """{"type":"object","properties":{"port":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}],"pattern":"^[0-9]+%?$"}}}""",
        """{"type":"object","properties":{"l":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}}}}""",
        """{"type":"object","properties":{"spec":{"type":"object","default":{},"properties":{"n":{"type":"integer","default":1}}}}}""",
        """{"type":"object","properties":{"t":{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true}}}""",
        """{"type":"object","properties":{"s":{"type":"object","properties":{"min":{"type":"integer"},"max":{"type":"integer"}},"x-kubernetes-validations":[{"rule":"self.min <= self.max","message":"min above max"}]}}}""",
        """{"type":"object","properties":{"s":{"type":"string","x-kubernetes-validations":[{"rule":"self == oldSelf","message":"immutable"}]}}}""",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Structural_schemas_are_accepted(string schema)
    {
        var causes = new List<StatusCause>();

        CrdSchemaValidation.Validate(Json(schema), At, causes);

        Assert.Empty(Print(causes));
    }

    [Fact]
    public void A_version_without_a_schema_is_refused()
    {
        var causes = new List<StatusCause>();

        CrdSchemaValidation.Validate(null, At, causes);

        Assert.Equal([$"{At}: Required value: schemas are required"], Print(causes));
    }

    [Fact]
    public void A_schema_nested_past_the_depth_limit_is_refused_without_overflowing_the_stack()
    {
        var root = new JsonObject { ["type"] = "object" };
        var node = root;
        for (var i = 0; i < 5000; i++)
        {
            var child = new JsonObject { ["type"] = "object" };
            node["properties"] = new JsonObject { ["a"] = child };
            node = child;
        }

        var causes = new List<StatusCause>();

        CrdSchemaValidation.Validate(root, At, causes);

        Assert.Equal([$"{At}: Invalid value: \"\": must not be nested more than {SchemaLimits.MaxDepth} levels deep"], Print(causes));
    }
}
