using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry.Core.Pods;

namespace Orchestrator.ApiServer.Tests.Registry.Core.Pods;

/// <summary>The pod strategy's rules: what a pod must be, and what an update may change.</summary>
public sealed class PodStrategyTests
{
    private const string Pod = """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"nginx"}],"restartPolicy":"Always"}}""";

    private static readonly PodStrategy Strategy = new();

    public static TheoryData<string, string, string[]> Objects => new()
    {
        { "a valid pod", Pod, [] },
        { "no containers", """{"spec":{"containers":[],"restartPolicy":"Always"}}""", ["spec.containers: Required value"] },
        {
            "an unknown restart policy",
            """{"spec":{"containers":[{"name":"a","image":"nginx"}],"restartPolicy":"Sometimes"}}""",
            ["spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""]
        },
    };

    public static TheoryData<string, string, string[]> Updates => new()
    {
        { "nothing changed", Pod, [] },
        { "a new image", Pod.Replace("nginx", "nginx:2", StringComparison.Ordinal), [] },
        { "binding: nodeName set once", Pod.Replace("\"restartPolicy\"", "\"nodeName\":\"n1\",\"restartPolicy\"", StringComparison.Ordinal), [] },
        { "an added toleration", Pod.Replace("\"restartPolicy\"", "\"tolerations\":[{\"operator\":\"Exists\"}],\"restartPolicy\"", StringComparison.Ordinal), [] },
        { "a renamed container", Pod.Replace("\"name\":\"a\"", "\"name\":\"b\"", StringComparison.Ordinal), ["spec"] },
        { "another restart policy", Pod.Replace("Always", "Never", StringComparison.Ordinal), ["spec"] },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Validate_reports_each_problem_of_a_defaulted_pod_with_its_field(string why, string pod, string[] expected)
    {
        var obj = Parse(pod);
        Strategy.Default(obj, create: true);
        var causes = new List<StatusCause>();
        Strategy.Validate(obj, causes);

        Assert.True(expected.SequenceEqual(causes.Select(c => $"{c.Field}: {c.Message}")), $"{why}: {string.Join("; ", causes.Select(c => $"{c.Field}: {c.Message}"))}");
    }

    [Theory]
    [MemberData(nameof(Updates))]
    public void ValidateUpdate_forbids_changes_beyond_images_tolerations_and_binding(string why, string updated, string[] forbiddenFields)
    {
        var causes = new List<StatusCause>();
        Strategy.ValidateUpdate(Parse(Pod), Parse(updated), causes);

        Assert.True(forbiddenFields.SequenceEqual(causes.Select(c => c.Field)), $"{why}: {string.Join("; ", causes.Select(c => $"{c.Field}: {c.Message}"))}");
        Assert.All(causes, c => Assert.Equal("FieldValueForbidden", c.Reason));
    }

    [Fact]
    public void A_new_pod_starts_pending_whatever_the_client_sent()
    {
        var pod = Parse("""{"status":{"phase":"Running","podIP":"10.0.0.1"}}""");
        Strategy.ResetStatusOnCreate(pod, hasStatusSubresource: true);

        Assert.Equal("""{"phase":"Pending"}""", pod["status"]!.ToJsonString());
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
