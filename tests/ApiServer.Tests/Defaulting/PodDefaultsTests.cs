using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Defaulting;

namespace Orchestrator.ApiServer.Tests.Defaulting;

/// <summary>SetDefaults_Pod and the DefaultTolerationSeconds admission.</summary>
public sealed class PodDefaultsTests
{
    private const string NotReady = """{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}""";
    private const string Unreachable = """{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}""";

    public static TheoryData<string, string, bool, string> Pods => new()
    {
        {
            "new pod: service links and both tolerations",
            """{"spec":{"containers":[{"name":"a","image":"nginx"}]}}""",
            true,
            """{"spec":{"enableServiceLinks":true,"restartPolicy":"Always","tolerations":[NOT_READY,UNREACHABLE]}}"""
        },
        {
            "a toleration for one key is kept and only the other added",
            """{"spec":{"containers":[],"tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":10}]}}""",
            true,
            """{"spec":{"tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":10},UNREACHABLE]}}"""
        },
        {
            "a toleration of everything needs no more",
            """{"spec":{"containers":[],"tolerations":[{"operator":"Exists"}]}}""",
            true,
            """{"spec":{"tolerations":[{"operator":"Exists"}]}}"""
        },
        {
            "NoSchedule tolerations do not count",
            """{"spec":{"containers":[],"tolerations":[{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoSchedule"}]}}""",
            true,
            """{"spec":{"tolerations":[{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoSchedule"},NOT_READY,UNREACHABLE]}}"""
        },
        {
            "update: no tolerations added",
            """{"spec":{"containers":[],"enableServiceLinks":false}}""",
            false,
            """{"spec":{"containers":[],"enableServiceLinks":false,"tolerations":null}}"""
        },
        {
            "requests default to limits",
            """{"spec":{"containers":[{"name":"a","image":"x","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"500m"}}}]}}""",
            false,
            """{"spec":{"containers":[{"resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"500m","memory":"1Gi"}}}]}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Pods))]
    public void Pods_get_upstreams_defaults(string why, string input, bool create, string expected)
    {
        var pod = JsonNode.Parse(Expand(input))!.AsObject();
        PodDefaults.Apply(pod, create);
        var differences = Served.Differences(JsonNode.Parse(Expand(expected)), pod);
        Assert.True(differences is [], $"{why}: {string.Join("; ", differences)}");
    }

    private static string Expand(string json) => json.Replace("NOT_READY", NotReady, StringComparison.Ordinal).Replace("UNREACHABLE", Unreachable, StringComparison.Ordinal);
}
