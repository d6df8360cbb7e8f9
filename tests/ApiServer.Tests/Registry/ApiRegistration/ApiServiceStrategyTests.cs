using Orchestrator.ApiServer.Tests.Tables;

namespace Orchestrator.ApiServer.Tests.Registry.ApiRegistration;

/// <summary>apiregistration.k8s.io/v1 APIServices: kube-aggregator's validation causes, the service port default and the table.</summary>
public sealed class ApiServiceStrategyTests
{
    private const string Group = "apiregistration.k8s.io";
    private const string Plural = "apiservices";

    public static TheoryData<string, string[]> Invalid => new()
    {
        {
            """{"metadata":{"name":"v1beta1.metrics"},"spec":{"group":"metrics.k8s.io","version":"v1beta1","groupPriorityMinimum":100,"versionPriority":100,"service":{"namespace":"kube-system","name":"metrics-server"}}}""",
            ["metadata.name: Invalid value: \"v1beta1.metrics\": must be `spec.version+\".\"+spec.group`: \"v1beta1.metrics.k8s.io\""]
        },
        {
            """{"metadata":{"name":"v2."},"spec":{"version":"v2","groupPriorityMinimum":0,"versionPriority":1001,"caBundle":"Q0FCVU5ETEU=","insecureSkipTLSVerify":true}}""",
            [
                "spec.group: Required value: only v1 may have an empty group and it better be legacy kube",
                "spec.groupPriorityMinimum: Invalid value: 0: must be positive and less than 20000",
                "spec.versionPriority: Invalid value: 1001: must be positive and less than 1000",
                "spec.caBundle: Invalid value: \"8 bytes\": local APIServices may not have a caBundle",
                "spec.insecureSkipTLSVerify: Invalid value: true: local APIServices may not have insecureSkipTLSVerify",
            ]
        },
        {
            """{"metadata":{"name":"v1.custom.example.com"},"spec":{"group":"custom.example.com","version":"v1","groupPriorityMinimum":1000,"versionPriority":15,"insecureSkipTLSVerify":true,"caBundle":"Q0E=","service":{"name":"api"}}}""",
            [
                "spec.service.namespace: Required value: service namespace is required",
                "spec.insecureSkipTLSVerify: Invalid value: true: may not be true if caBundle is present",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_api_services_get_upstreams_causes(string json, string[] expected)
    {
        Assert.Equal(expected, KindCases.Causes(Group, Plural, json));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"v1beta1.metrics.k8s.io"},"spec":{"group":"metrics.k8s.io","version":"v1beta1","groupPriorityMinimum":100,"versionPriority":100,"insecureSkipTLSVerify":true,"service":{"namespace":"kube-system","name":"metrics-server"}}}""")]
    [InlineData("""{"metadata":{"name":"v1."},"spec":{"version":"v1","groupPriorityMinimum":18000,"versionPriority":1}}""")]
    public void Valid_api_services_pass(string json)
    {
        Assert.Empty(KindCases.Causes(Group, Plural, json));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"v1beta1.metrics.k8s.io"},"spec":{"service":{"namespace":"kube-system","name":"metrics-server"}},"status":{"conditions":[{"type":"Available","status":"False","reason":"MissingEndpoints"}]}}""", """["v1beta1.metrics.k8s.io","kube-system/metrics-server","False (MissingEndpoints)","<unknown>"]""")]
    [InlineData("""{"metadata":{"name":"v1.apps"},"spec":{},"status":{"conditions":[{"type":"Available","status":"True","reason":"Local"}]}}""", """["v1.apps","Local","True","<unknown>"]""")]
    [InlineData("""{"metadata":{"name":"v1.x.io"},"spec":{}}""", """["v1.x.io","Local","Unknown","<unknown>"]""")]
    public void The_table_shows_the_service_and_availability(string json, string expected)
    {
        Assert.Equal(expected, Printed.Cells(Group, Plural, json));
        Assert.Equal("Name,Service,Available,Age", Printed.Columns(Group, Plural));
        Assert.Equal(443, KindCases.Defaulted(Group, Plural, json.Replace("\"spec\":{}", "\"spec\":{\"service\":{}}", StringComparison.Ordinal))["spec"]!["service"]!["port"]!.GetValue<int>());
    }
}
