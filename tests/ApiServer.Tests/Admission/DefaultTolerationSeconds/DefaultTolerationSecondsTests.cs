using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Tests.Defaulting;

namespace Orchestrator.ApiServer.Tests.Admission.DefaultTolerationSeconds;

/// <summary>The DefaultTolerationSeconds admission plugin: new pods tolerate lost nodes for five minutes.</summary>
public sealed class DefaultTolerationSecondsTests
{
    private static readonly AdmissionChain Chain = AdmissionPlugins.Chain([new ApiServer.Admission.DefaultTolerationSeconds.DefaultTolerationSeconds()]);

    private const string NotReady = """{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}""";
    private const string Unreachable = """{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}""";

    public static TheoryData<string, string, bool, string> Pods => new()
    {
        {
            "new pod: both tolerations",
            """{"spec":{"containers":[{"name":"a","image":"nginx"}]}}""",
            true,
            """{"spec":{"tolerations":[NOT_READY,UNREACHABLE]}}"""
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
            "update: no tolerations added (the plugin handles create only)",
            """{"spec":{"containers":[],"enableServiceLinks":false}}""",
            false,
            """{"spec":{"containers":[],"enableServiceLinks":false,"tolerations":null}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Pods))]
    public void Pods_tolerate_lost_nodes_for_five_minutes(string why, string input, bool create, string expected)
    {
        var pod = JsonNode.Parse(Expand(input))!.AsObject();
        var operation = create ? AdmissionOperation.Create : AdmissionOperation.Update;
        Chain.Admit(new AdmissionAttributes(operation, Served.Resource("", "pods"), null, "default", "p", pod, create ? null : pod.DeepClone().AsObject(), DryRun: false));
        var differences = Served.Differences(JsonNode.Parse(Expand(expected)), pod);
        Assert.True(differences is [], $"{why}: {string.Join("; ", differences)}");
    }

    [Fact]
    public void Other_kinds_are_left_alone()
    {
        var deployment = JsonNode.Parse("""{"spec":{}}""")!.AsObject();
        Chain.Admit(new AdmissionAttributes(AdmissionOperation.Create, Served.Resource("apps", "deployments"), null, "default", "d", deployment, null, DryRun: false));
        Assert.Equal("""{"spec":{}}""", deployment.ToJsonString());
    }

    private static string Expand(string json) => json.Replace("NOT_READY", NotReady, StringComparison.Ordinal).Replace("UNREACHABLE", Unreachable, StringComparison.Ordinal);
}
