using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Tests.Defaulting;
using Orchestrator.ApiServer.Validation;

namespace Orchestrator.ApiServer.Tests.Validation;

/// <summary>Upstream's ObjectMeta rules, shared by every kind, with upstream's fields and messages.</summary>
public sealed class ObjectMetaValidationTests
{
    private const string LabelValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private const string KeyNameRule =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string SubdomainRule =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelRule =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string Dns1035Rule =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private static readonly string Long64 = new('a', 64);

    public static TheoryData<string, string, string[]> Invalid => new()
    {
        // name and generateName, per kind
        { "configmaps", """{"namespace":"default"}""", ["metadata.name: Required value: name or generateName is required"] },
        { "configmaps", """{"name":"Bad_Name","namespace":"default"}""", [$"metadata.name: Invalid value: \"Bad_Name\": {SubdomainRule}"] },
        { "namespaces", """{"name":"a.b"}""", [$"metadata.name: Invalid value: \"a.b\": {LabelRule}"] },
        { "services", """{"name":"1abc","namespace":"default"}""", [$"metadata.name: Invalid value: \"1abc\": {Dns1035Rule}"] },
        {
            "configmaps", """{"generateName":"Web-","name":"Web-x1234","namespace":"default"}""",
            [$"metadata.generateName: Invalid value: \"Web-\": {SubdomainRule}", $"metadata.name: Invalid value: \"Web-x1234\": {SubdomainRule}"]
        },

        // namespace
        { "configmaps", """{"name":"a"}""", ["metadata.namespace: Required value"] },
        { "configmaps", """{"name":"a","namespace":"Default"}""", [$"metadata.namespace: Invalid value: \"Default\": {LabelRule}"] },
        { "nodes", """{"name":"a","namespace":"default"}""", ["metadata.namespace: Forbidden: not allowed on this type"] },

        // generation
        { "configmaps", """{"name":"a","namespace":"default","generation":-1}""", ["metadata.generation: Invalid value: -1: must be greater than or equal to 0"] },

        // labels
        { "configmaps", $$$"""{"name":"a","namespace":"default","labels":{"app":"{{{Long64}}}"}}""", [$"metadata.labels: Invalid value: \"{Long64}\": must be no more than 63 bytes"] },
        { "configmaps", """{"name":"a","namespace":"default","labels":{"app":"has space"}}""", [$"metadata.labels: Invalid value: \"has space\": {LabelValueRule}"] },
        { "configmaps", """{"name":"a","namespace":"default","labels":{"bad key":"x"}}""", [$"metadata.labels: Invalid value: \"bad key\": {KeyNameRule}"] },
        { "configmaps", """{"name":"a","namespace":"default","labels":{"/x":"y"}}""", ["metadata.labels: Invalid value: \"/x\": prefix part must be non-empty"] },

        // annotations: keys are qualified names checked lower-cased, the total is limited
        { "configmaps", """{"name":"a","namespace":"default","annotations":{"bad key":"x"}}""", [$"metadata.annotations: Invalid value: \"bad key\": {KeyNameRule}"] },
        { "configmaps", """{"name":"a","namespace":"default","annotations":{"Example.COM/x":"y"}}""", [] },
        { "configmaps", $$$"""{"name":"a","namespace":"default","annotations":{"a":"{{{new string('x', 262144)}}}"}}""", ["metadata.annotations: Too long: may not be more than 262144 bytes"] },

        // finalizers
        { "configmaps", """{"name":"a","namespace":"default","finalizers":["a/b/c"]}""", ["metadata.finalizers: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"] },
        { "configmaps", """{"name":"a","namespace":"default","finalizers":["orphan","foregroundDeletion"]}""", ["metadata.finalizers: Invalid value: [\"orphan\",\"foregroundDeletion\"]: finalizer orphan and foregroundDeletion cannot be both set"] },

        // owner references
        {
            "configmaps", """{"name":"a","namespace":"default","ownerReferences":[{}]}""",
            [
                "metadata.ownerReferences.apiVersion: Invalid value: \"\": version must not be empty",
                "metadata.ownerReferences.kind: Invalid value: \"\": must not be empty",
                "metadata.ownerReferences.name: Invalid value: \"\": must not be empty",
                "metadata.ownerReferences.uid: Invalid value: \"\": must not be empty",
            ]
        },
        { "configmaps", """{"name":"a","namespace":"default","ownerReferences":[{"apiVersion":"apps/","kind":"K","name":"n","uid":"u"}]}""", ["metadata.ownerReferences.apiVersion: Invalid value: \"apps/\": version must not be empty"] },
        { "configmaps", """{"name":"a","namespace":"default","ownerReferences":[{"apiVersion":"v1","kind":"Event","name":"e","uid":"u"}]}""", ["metadata.ownerReferences: Invalid value: {\"apiVersion\":\"v1\",\"kind\":\"Event\",\"name\":\"e\",\"uid\":\"u\"}: /v1, Kind=Event is disallowed from being an owner"] },
        {
            "configmaps", """{"name":"a","namespace":"default","ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"r","uid":"1","controller":true},{"apiVersion":"apps/v1","kind":"Deployment","name":"d","uid":"2","controller":true}]}""",
            ["metadata.ownerReferences: Invalid value: [{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"r\",\"uid\":\"1\",\"controller\":true},{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"d\",\"uid\":\"2\",\"controller\":true}]: Only one reference can have Controller set to true. Found \"true\" in references for ReplicaSet/r and Deployment/d"]
        },

        // managed fields
        {
            "configmaps", $$$"""{"name":"a","namespace":"default","managedFields":[{"manager":"{{{new string('m', 129)}}}","operation":"Patch","fieldsType":"FieldsV2","subresource":"{{{new string('s', 257)}}}"}]}""",
            [
                "metadata.managedFields[0].operation: Invalid value: \"Patch\": must be `Apply` or `Update`",
                "metadata.managedFields[0].fieldsType: Invalid value: \"FieldsV2\": must be `FieldsV1`",
                "metadata.managedFields[0].manager: Too long: may not be more than 128 bytes",
                "metadata.managedFields[0].subresource: Too long: may not be more than 256 bytes",
            ]
        },
        { "configmaps", """{"name":"a","namespace":"default","managedFields":[{"manager":"a\u0007b","operation":"Update"}]}""", ["metadata.managedFields[0].manager: Invalid value: \"a\\ab\": invalid character U+0007 (at position 1)"] },
    };

    public static TheoryData<string, string> Valid => new()
    {
        { "configmaps", """{"name":"a","namespace":"default","labels":{"app.kubernetes.io/name":"web","empty":""},"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}}""" },
        { "configmaps", """{"generateName":"web-","name":"web-x7k2p","namespace":"default"}""" },
        { "services", """{"generateName":"a-","name":"a-b2c4d","namespace":"default"}""" },
        { "namespaces", """{"name":"team-a"}""" },
        { "nodes", """{"name":"node-1.example.com"}""" },
        { "configmaps", """{"name":"a","namespace":"default","finalizers":["kubernetes","example.com/x"],"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"r","uid":"1","controller":true}]}""" },
        { "configmaps", """{"name":"a","namespace":"default","managedFields":[{"manager":"kubectl","operation":"Apply","fieldsType":"FieldsV1","fieldsV1":{}}]}""" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_metadata_gets_upstreams_causes(string plural, string metadata, string[] expected)
    {
        Assert.Equal(expected, Causes(plural, metadata));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_metadata_passes(string plural, string metadata)
    {
        Assert.Empty(Causes(plural, metadata));
    }

    [Fact]
    public void Annotations_of_exactly_256_KiB_pass()
    {
        var metadata = $$$"""{"name":"a","namespace":"default","annotations":{"a":"{{{new string('x', 262143)}}}"}}""";

        Assert.Empty(Causes("configmaps", metadata));
    }

    [Fact]
    public void An_object_being_deleted_may_lose_finalizers_but_not_gain_any()
    {
        var resource = Served.Resource("", "configmaps");
        var current = Object("""{"name":"a","namespace":"default","deletionTimestamp":"2026-01-01T00:00:00Z","finalizers":["example.com/a","example.com/b"]}""");

        var fewer = ObjectMetaValidation.CheckUpdate(resource, current, Object("""{"name":"a","namespace":"default","deletionTimestamp":"2026-01-01T00:00:00Z","finalizers":["example.com/a"]}"""));
        var more = ObjectMetaValidation.CheckUpdate(resource, current, Object("""{"name":"a","namespace":"default","deletionTimestamp":"2026-01-01T00:00:00Z","finalizers":["example.com/z","example.com/a","example.com/c"]}"""));

        Assert.Empty(fewer);
        var cause = Assert.Single(more);
        Assert.Equal(("FieldValueForbidden", "metadata.finalizers"), (cause.Reason, cause.Field));
        Assert.Equal("Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"example.com/c\", \"example.com/z\"}", cause.Message);
    }

    [Fact]
    public void Updates_are_checked_like_creates()
    {
        var resource = Served.Resource("", "configmaps");
        var current = Object("""{"name":"a","namespace":"default"}""");

        var cause = Assert.Single(ObjectMetaValidation.CheckUpdate(resource, current, Object("""{"name":"a","namespace":"default","labels":{"a":"b c"}}""")));

        Assert.Equal(("FieldValueInvalid", "metadata.labels"), (cause.Reason, cause.Field));
    }

    [Fact]
    public void Causes_carry_upstreams_reasons()
    {
        var causes = ObjectMetaValidation.Check(
            Served.Resource("", "configmaps"),
            Object($$$"""{"labels":{"a":"b c"},"finalizers":["orphan","foregroundDeletion"],"annotations":{"a":"{{{new string('x', 262144)}}}"}}"""));

        Assert.Equal(
            ["FieldValueRequired", "FieldValueRequired", "FieldValueInvalid", "FieldValueTooLong", "FieldValueInvalid"],
            causes.Select(c => c.Reason));
    }

    private static JsonObject Object(string metadata) => new() { ["metadata"] = JsonNode.Parse(metadata) };

    private static string[] Causes(string plural, string metadata)
    {
        var resource = Served.Resource("", plural);
        return [.. ObjectMetaValidation.Check(resource, Object(metadata)).Select(c => $"{c.Field}: {c.Message}")];
    }
}
