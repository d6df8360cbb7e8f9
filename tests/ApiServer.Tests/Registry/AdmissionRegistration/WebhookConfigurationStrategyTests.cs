using Orchestrator.ApiServer.Tests.Tables;

namespace Orchestrator.ApiServer.Tests.Registry.AdmissionRegistration;

/// <summary>admissionregistration.k8s.io/v1 webhook configurations: upstream's v1 defaults, validation causes and table.</summary>
public sealed class WebhookConfigurationStrategyTests
{
    private const string Group = "admissionregistration.k8s.io";
    private const string Service = "\"clientConfig\":{\"service\":{\"namespace\":\"system\",\"name\":\"webhook\",\"path\":\"/validate\"},\"caBundle\":\"Q0E=\"}";

    public static TheoryData<string, string, string[]> Invalid => new()
    {
        {
            "validatingwebhookconfigurations",
            """{"webhooks":[{"name":"short.io",CLIENT}]}""",
            [
                "webhooks[0].name: Invalid value: \"short.io\": should be a domain with at least three segments separated by dots",
                "webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun",
                "webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1",
            ]
        },
        {
            "validatingwebhookconfigurations",
            """
            {"webhooks":[{"name":"a.example.com","sideEffects":"Unknown","failurePolicy":"Retry","matchPolicy":"Loose","timeoutSeconds":31,"admissionReviewVersions":["v2"],"clientConfig":{"url":"http://h.example.com/x?y=1"},
            "rules":[{"operations":["CREATE","*"],"apiGroups":[],"apiVersions":["v1"],"resources":["*/*","pods"],"scope":"Global"}]},
            {"name":"a.example.com","sideEffects":"None","admissionReviewVersions":["v1","v1"],"clientConfig":{}}]}
            """,
            [
                "webhooks[0].rules[0].operations: Invalid value: []string{\"CREATE\", \"*\"}: if '*' is present, must not specify other operations",
                "webhooks[0].rules[0].apiGroups: Required value",
                "webhooks[0].rules[0].resources: Invalid value: []string{\"*/*\", \"pods\"}: if '*/*' is present, must not specify other resources",
                "webhooks[0].rules[0].scope: Unsupported value: \"Global\": supported values: \"*\", \"Cluster\", \"Namespaced\"",
                "webhooks[0].failurePolicy: Unsupported value: \"Retry\": supported values: \"Fail\", \"Ignore\"",
                "webhooks[0].matchPolicy: Unsupported value: \"Loose\": supported values: \"Equivalent\", \"Exact\"",
                "webhooks[0].sideEffects: Unsupported value: \"Unknown\": supported values: \"None\", \"NoneOnDryRun\"",
                "webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds",
                "webhooks[0].clientConfig.url: Invalid value: \"http\": 'https' is the only allowed URL scheme; desired format: https://host[/path]",
                "webhooks[0].clientConfig.url: Invalid value: \"y=1\": query parameters are not permitted in the URL",
                "webhooks[0].admissionReviewVersions: Invalid value: []string{\"v2\"}: must include at least one of v1, v1beta1",
                "webhooks[1].clientConfig: Required value: exactly one of url or service is required",
                "webhooks[1].admissionReviewVersions[1]: Invalid value: \"v1\": duplicate version",
                "webhooks[1].name: Duplicate value: \"a.example.com\"",
            ]
        },
        {
            "mutatingwebhookconfigurations",
            """{"webhooks":[{"name":"m.example.com","sideEffects":"None","admissionReviewVersions":["v1"],"reinvocationPolicy":"Always","clientConfig":{"service":{"namespace":"","name":"w","port":0,"path":"api//x"}}}]}""",
            [
                "webhooks[0].reinvocationPolicy: Unsupported value: \"Always\": supported values: \"IfNeeded\", \"Never\"",
                "webhooks[0].clientConfig.service.namespace: Required value: service namespace is required",
                "webhooks[0].clientConfig.service.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive",
                "webhooks[0].clientConfig.service.path: Invalid value: \"api//x\": must start with a '/'",
                "webhooks[0].clientConfig.service.path: Invalid value: \"api//x\": segment[1] may not be empty",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_configurations_get_upstreams_causes(string plural, string json, string[] expected)
    {
        Assert.Equal(expected, KindCases.Causes(Group, plural, json.Replace("CLIENT", Service, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("validatingwebhookconfigurations")]
    [InlineData("mutatingwebhookconfigurations")]
    public void A_webhook_gets_upstreams_v1_defaults_and_passes(string plural)
    {
        const string Json = """{"webhooks":[{"name":"w.example.com","sideEffects":"None","admissionReviewVersions":["v1"],CLIENT,"rules":[{"operations":["CREATE"],"apiGroups":[""],"apiVersions":["v1"],"resources":["pods"]}]}]}""";
        var input = Json.Replace("CLIENT", Service, StringComparison.Ordinal);

        var webhook = KindCases.Defaulted(Group, plural, input)["webhooks"]![0]!;

        Assert.Equal("Fail", webhook["failurePolicy"]!.GetValue<string>());
        Assert.Equal("Equivalent", webhook["matchPolicy"]!.GetValue<string>());
        Assert.Equal("{}", webhook["namespaceSelector"].Json());
        Assert.Equal("{}", webhook["objectSelector"].Json());
        Assert.Equal(10, webhook["timeoutSeconds"]!.GetValue<int>());
        Assert.Equal("*", webhook["rules"]![0]!["scope"]!.GetValue<string>());
        Assert.Equal(443, webhook["clientConfig"]!["service"]!["port"]!.GetValue<int>());
        Assert.Equal(plural.StartsWith("mutating", StringComparison.Ordinal) ? "Never" : null, webhook["reinvocationPolicy"]?.GetValue<string>());
        Assert.Empty(KindCases.Causes(Group, plural, input));
        Assert.Equal("""["w",1,"<unknown>"]""", Printed.Cells(Group, plural, """{"metadata":{"name":"w"},"webhooks":[{}]}"""));
    }
}
