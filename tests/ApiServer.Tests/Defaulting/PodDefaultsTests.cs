using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Defaulting;

namespace Orchestrator.ApiServer.Tests.Defaulting;

/// <summary>SetDefaults_Pod (the tolerations DefaultTolerationSeconds adds are tested with the plugin).</summary>
public sealed class PodDefaultsTests
{
    public static TheoryData<string, string, string> Pods => new()
    {
        {
            "new pod: service links and restart policy, no tolerations",
            """{"spec":{"containers":[{"name":"a","image":"nginx"}]}}""",
            """{"spec":{"enableServiceLinks":true,"restartPolicy":"Always","tolerations":null}}"""
        },
        {
            "a set field is kept",
            """{"spec":{"containers":[],"enableServiceLinks":false}}""",
            """{"spec":{"containers":[],"enableServiceLinks":false,"tolerations":null}}"""
        },
        {
            "requests default to limits",
            """{"spec":{"containers":[{"name":"a","image":"x","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"500m"}}}]}}""",
            """{"spec":{"containers":[{"resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"500m","memory":"1Gi"}}}]}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Pods))]
    public void Pods_get_upstreams_defaults(string why, string input, string expected)
    {
        var pod = JsonNode.Parse(input)!.AsObject();
        PodDefaults.Apply(pod);
        var differences = Served.Differences(JsonNode.Parse(expected), pod);
        Assert.True(differences is [], $"{why}: {string.Join("; ", differences)}");
    }
}
