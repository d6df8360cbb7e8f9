using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.ApiServer.FieldManagement;

namespace Orchestrator.ApiServer.Tests.FieldManagement;

/// <summary>The field sets objects own, in managedFields' FieldsV1 form.</summary>
public sealed class ObjectFieldsTests
{
    private static readonly FieldScope Main = new(StatusOnly: false, HasStatusSubresource: true);

    [Fact]
    public void A_deployment_owns_keyed_containers_map_keys_and_atomic_selector()
    {
        var deployment = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","uid":"u","labels":{"app":"web"},"finalizers":["a/b"]},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
               "spec":{"containers":[{"name":"nginx","image":"nginx:1","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{}}]}}},
             "status":{"replicas":2}}
            """)!.AsObject();

        var fields = ObjectFields.Of(deployment, typeof(V1Deployment), Main).ToFieldsV1().ToJsonString(JsonText.Options);

        Assert.Equal(
            """{"f:metadata":{"f:finalizers":{"v:\"a/b\"":{}},"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},"f:resources":{}}}}}}}""",
            fields);
    }

    [Fact]
    public void A_status_write_owns_only_status()
    {
        var pod = JsonNode.Parse("""{"metadata":{"labels":{"a":"b"}},"spec":{"nodeName":"n"},"status":{"phase":"Running"}}""")!.AsObject();

        var fields = ObjectFields.Of(pod, typeof(V1Pod), new FieldScope(StatusOnly: true, HasStatusSubresource: true));

        Assert.Equal("""{"f:status":{"f:phase":{}}}""", fields.ToFieldsV1().ToJsonString());
    }

    [Fact]
    public void FieldsV1_round_trips_and_set_operations_work_on_members()
    {
        var a = FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:spec":{"f:replicas":{},"f:paused":{}},"f:metadata":{"f:labels":{".":{},"f:x":{}}}}"""));
        var b = FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:spec":{"f:replicas":{}},"f:metadata":{"f:labels":{"f:x":{}}}}"""));

        Assert.Equal("""{"f:metadata":{"f:labels":{}},"f:spec":{"f:paused":{}}}""", a.Difference(b).ToFieldsV1().ToJsonString());
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:x":{}}},"f:spec":{"f:replicas":{}}}""", a.Intersection(b).ToFieldsV1().ToJsonString());
        Assert.Equal(a.ToFieldsV1().ToJsonString(), a.Union(b).ToFieldsV1().ToJsonString());
        Assert.Equal([".metadata.labels", ".metadata.labels.x", ".spec.paused", ".spec.replicas"], a.Members().Select(FieldPath.Text).ToArray());
    }

    [Fact]
    public void Changed_finds_new_and_modified_leaves_only()
    {
        var before = JsonNode.Parse("""{"spec":{"replicas":1,"paused":false,"template":{"spec":{"containers":[{"name":"a","image":"x:1"}]}}}}""")!.AsObject();
        var after = JsonNode.Parse("""{"spec":{"replicas":3,"paused":false,"template":{"spec":{"containers":[{"name":"a","image":"x:1"},{"name":"b","image":"y"}]}}}}""")!.AsObject();
        var set = ObjectFields.Of(after, typeof(V1Deployment), Main);

        var changed = ObjectFields.Changed(set, before, beforeExists: true, after).Members().Select(FieldPath.Text).ToArray();

        Assert.Equal(
            [".spec.replicas", ".spec.template.spec.containers[name=\"b\"]", ".spec.template.spec.containers[name=\"b\"].image", ".spec.template.spec.containers[name=\"b\"].name"],
            changed);
    }

    [Fact]
    public void Remove_drops_members_unless_someone_still_owns_something_below()
    {
        var obj = JsonNode.Parse("""{"spec":{"containers":[{"name":"a","image":"x","resources":{"limits":{"cpu":"1"}}},{"name":"b","image":"y"}],"paused":true}}""")!.AsObject();
        var remove = FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:spec":{"f:paused":{},"f:containers":{"k:{\"name\":\"a\"}":{".":{},"f:image":{},"f:name":{}},"k:{\"name\":\"b\"}":{".":{},"f:image":{},"f:name":{}}}}}"""));
        var keep = FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:spec":{"f:containers":{"k:{\"name\":\"a\"}":{"f:resources":{"f:limits":{"f:cpu":{}}}}}}}"""));

        ObjectFields.Remove(obj, remove, keep);

        Assert.Equal("""{"spec":{"containers":[{"resources":{"limits":{"cpu":"1"}}}]}}""", obj.ToJsonString());
    }
}
