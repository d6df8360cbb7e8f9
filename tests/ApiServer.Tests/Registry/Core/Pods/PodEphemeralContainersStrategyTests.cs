using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry.Core.Pods;

namespace Orchestrator.ApiServer.Tests.Registry.Core.Pods;

/// <summary>The ephemeral containers strategy: what a write keeps from the stored pod, and which changes it refuses.</summary>
public sealed class PodEphemeralContainersStrategyTests
{
    private const string Stored = """
        {"metadata":{"name":"p","labels":{"a":"b"},"resourceVersion":"7"},
         "spec":{"containers":[{"name":"app","image":"nginx"}],"nodeName":"n1",
                 "ephemeralContainers":[{"name":"d1","image":"busybox"}]},
         "status":{"phase":"Running"}}
        """;

    private static readonly PodEphemeralContainersStrategy Strategy = new();

    [Fact]
    public void PrepareForUpdate_keeps_the_stored_pod_but_for_its_ephemeral_containers()
    {
        var updated = Parse("""
            {"metadata":{"name":"p","labels":{"x":"y"}},
             "spec":{"containers":[{"name":"app","image":"other"}],
                     "ephemeralContainers":[{"name":"d1","image":"busybox"},{"name":"d2","image":"busybox"}]},
             "status":{"phase":"Failed"}}
            """);

        Strategy.PrepareForUpdate(Parse(Stored), updated);

        var expected = Parse(Stored);
        expected["spec"]!["ephemeralContainers"]!.AsArray().Add(JsonNode.Parse("""{"name":"d2","image":"busybox"}"""));
        Assert.True(JsonNode.DeepEquals(expected, updated), updated.ToJsonString());
    }

    [Fact]
    public void PrepareForUpdate_of_a_body_without_the_list_leaves_none()
    {
        var updated = Parse("""{"metadata":{"name":"p"},"spec":{"containers":[]}}""");

        Strategy.PrepareForUpdate(Parse(Stored), updated);

        Assert.Null(updated["spec"]!["ephemeralContainers"]);
        Assert.Equal("nginx", updated["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string[]> Updates => new()
    {
        { "nothing changed", """[{"name":"d1","image":"busybox"}]""", [] },
        { "one added", """[{"name":"d1","image":"busybox"},{"name":"d2","image":"busybox"}]""", [] },
        { "reordered, as a patch may", """[{"name":"d2","image":"busybox"},{"name":"d1","image":"busybox"}]""", [] },
        { "removed", """[]""", ["spec.ephemeralContainers: Forbidden: existing ephemeral containers \"d1\" may not be removed\n"] },
        {
            "changed",
            """[{"name":"d1","image":"busybox:2"}]""",
            ["spec.ephemeralContainers: Forbidden: existing ephemeral containers \"d1\" may not be changed\n- image: \"busybox\"\n+ image: \"busybox:2\"\n"]
        },
        {
            "renamed",
            """[{"name":"d9","image":"busybox"}]""",
            ["spec.ephemeralContainers: Forbidden: existing ephemeral containers \"d1\" may not be removed\n"]
        },
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public void ValidateUpdate_allows_only_additions(string why, string ephemeral, string[] expected)
    {
        var updated = Parse(Stored);
        updated["spec"]!["ephemeralContainers"] = JsonNode.Parse(ephemeral);
        var causes = new List<StatusCause>();

        Strategy.ValidateUpdate(Parse(Stored), updated, causes);

        Assert.True(expected.SequenceEqual(causes.Select(c => $"{c.Field}: {c.Message}")), $"{why}: {string.Join("; ", causes.Select(c => $"{c.Field}: {c.Message}"))}");
    }

    [Fact]
    public void A_static_pod_takes_no_ephemeral_containers_and_upstream_answers_that_alone()
    {
        var mirror = Parse(Stored);
        mirror["metadata"]!["annotations"] = new JsonObject { ["kubernetes.io/config.mirror"] = "hash" };
        var causes = new List<StatusCause> { new("FieldValueRequired", "Required value", "spec.containers[0].image") };

        Strategy.ValidateUpdate(mirror, mirror.DeepClone().AsObject(), causes);

        Assert.Equal([": Forbidden: static pods do not support ephemeral containers"], causes.Select(c => $"{c.Field}: {c.Message}"));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
