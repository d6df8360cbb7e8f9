using System.Text.Json.Nodes;
using Orchestrator.ApiMachinery.Fields;
using Orchestrator.ApiMachinery.Selection;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Selectors;

namespace Orchestrator.ApiServer.Tests.Selectors;

/// <summary>Per-kind selectable fields (each strategy's FieldSelectors): what kubectl and controllers select on, and upstream's errors for the rest.</summary>
public sealed class FieldSelectorFieldsTests
{
    private const string ScheduledPod = """
        {"metadata":{"name":"web-1","namespace":"default"},
         "spec":{"nodeName":"node1","restartPolicy":"Always","schedulerName":"default-scheduler","serviceAccountName":"sa","hostNetwork":true},
         "status":{"phase":"Running","podIP":"10.0.0.9","podIPs":[{"ip":"10.0.0.5"},{"ip":"fd00::5"}],"nominatedNodeName":"node2"}}
        """;

    private const string PendingPod = """{"metadata":{"name":"web-2","namespace":"default"},"spec":{},"status":{"phase":"Pending"}}""";

    [Theory]
    [InlineData(ScheduledPod, "metadata.name=web-1", true)]
    [InlineData(ScheduledPod, "metadata.namespace=default", true)]
    [InlineData(ScheduledPod, "metadata.namespace=kube-system", false)]
    [InlineData(ScheduledPod, "spec.nodeName=node1", true)]
    [InlineData(PendingPod, "spec.nodeName=", true)]
    [InlineData(ScheduledPod, "spec.nodeName=", false)]
    [InlineData(PendingPod, "spec.nodeName!=", false)]
    [InlineData(ScheduledPod, "spec.host=node1", true)]
    [InlineData(ScheduledPod, "spec.restartPolicy=Always,spec.schedulerName=default-scheduler,spec.serviceAccountName=sa", true)]
    [InlineData(ScheduledPod, "spec.hostNetwork=true", true)]
    [InlineData(PendingPod, "spec.hostNetwork=false", true)]
    [InlineData(ScheduledPod, "status.phase!=Succeeded,status.phase!=Failed", true)]
    [InlineData(PendingPod, "status.phase=Pending", true)]
    [InlineData(ScheduledPod, "status.podIP=10.0.0.5", true)]
    [InlineData(PendingPod, "status.podIP=", true)]
    [InlineData(ScheduledPod, "status.podIPs=", true)]
    [InlineData(ScheduledPod, "status.nominatedNodeName=node2", true)]
    public void Pods_are_selected_by_upstream_fields(string pod, string selector, bool matches)
    {
        var fields = For("", "pods");

        var validated = fields.Validate(FieldSelector.Parse(selector));

        Assert.Equal(matches, fields.Matches(validated, JsonNode.Parse(pod)!.AsObject()));
    }

    [Fact]
    public void The_old_spec_host_label_stands_for_spec_nodeName()
    {
        var validated = For("", "pods").Validate(FieldSelector.Parse("spec.host=node1"));

        Assert.Equal(new FieldRequirement("spec.nodeName", true, "node1"), Assert.Single(validated.Requirements));
    }

    [Theory]
    [InlineData("", "nodes", """{"metadata":{"name":"n1"},"spec":{"unschedulable":true}}""", "spec.unschedulable=true", true)]
    [InlineData("", "nodes", """{"metadata":{"name":"n1"},"spec":{}}""", "spec.unschedulable=false,metadata.name=n1", true)]
    [InlineData("", "namespaces", """{"metadata":{"name":"ns"},"status":{"phase":"Terminating"}}""", "status.phase=Terminating", true)]
    [InlineData("", "secrets", """{"metadata":{"name":"s","namespace":"d"},"type":"kubernetes.io/service-account-token"}""", "type=kubernetes.io/service-account-token", true)]
    [InlineData("", "services", """{"metadata":{"name":"s"},"spec":{"type":"ClusterIP","clusterIP":"10.96.0.1"}}""", "spec.type=ClusterIP,spec.clusterIP=10.96.0.1", true)]
    [InlineData("apps", "replicasets", """{"metadata":{"name":"rs"},"status":{"replicas":3}}""", "status.replicas=3", true)]
    [InlineData("apps", "replicasets", """{"metadata":{"name":"rs"},"status":{}}""", "status.replicas=0", true)]
    [InlineData("batch", "jobs", """{"metadata":{"name":"j"},"status":{"succeeded":1}}""", "status.successful=1", true)]
    [InlineData("batch", "jobs", """{"metadata":{"name":"j"}}""", "status.successful=0", true)]
    [InlineData("apps", "deployments", """{"metadata":{"name":"web","namespace":"default"}}""", "metadata.name=web,metadata.namespace=default", true)]
    [InlineData("", "configmaps", """{"metadata":{"name":"cm","namespace":"default"}}""", "metadata.name!=cm", false)]
    [InlineData("scheduling.k8s.io", "priorityclasses", """{"metadata":{"name":"high"}}""", "metadata.namespace=", true)]
    [InlineData("example.com", "widgets", """{"metadata":{"name":"w"}}""", "metadata.name=w", true)]
    public void Kinds_are_selected_by_their_fields(string group, string plural, string obj, string selector, bool matches)
    {
        var fields = For(group, plural);

        Assert.Equal(matches, fields.Matches(fields.Validate(FieldSelector.Parse(selector)), JsonNode.Parse(obj)!.AsObject()));
    }

    [Theory]
    [InlineData("involvedObject.kind=Pod,involvedObject.name=web-1,involvedObject.namespace=default,involvedObject.uid=u1", true)]
    [InlineData("involvedObject.apiVersion=v1,involvedObject.resourceVersion=42,involvedObject.fieldPath=spec.containers{web}", true)]
    [InlineData("reason=Scheduled,type=Normal,reportingComponent=default-scheduler", true)]
    [InlineData("source=default-scheduler", true)]
    [InlineData("involvedObject.name=web-2", false)]
    public void Core_events_are_selected_by_their_involved_object(string selector, bool matches)
    {
        var fields = For("", "events");
        var ev = JsonNode.Parse("""
            {"metadata":{"name":"web-1.17","namespace":"default"},
             "involvedObject":{"kind":"Pod","name":"web-1","namespace":"default","uid":"u1","apiVersion":"v1","resourceVersion":"42","fieldPath":"spec.containers{web}"},
             "reason":"Scheduled","type":"Normal","reportingComponent":"default-scheduler","source":{}}
            """)!.AsObject();

        Assert.Equal(matches, fields.Matches(fields.Validate(FieldSelector.Parse(selector)), ev));
    }

    [Theory]
    [InlineData("""{"source":{"component":"kubelet"},"reportingComponent":"other"}""", "kubelet")]
    [InlineData("""{"reportingComponent":"controller"}""", "controller")]
    [InlineData("{}", "")]
    public void The_source_of_a_core_event_falls_back_to_its_reporting_component(string ev, string source)
    {
        Assert.Equal(source, For("", "events").ValueOf(JsonNode.Parse(ev)!.AsObject(), "source"));
    }

    [Theory]
    [InlineData("regarding.kind=Pod,regarding.name=web-1,regarding.namespace=default,regarding.uid=u1", true)]
    [InlineData("regarding.apiVersion=v1,regarding.resourceVersion=42,regarding.fieldPath=spec", true)]
    [InlineData("reason=Pulled,type=Normal,reportingController=kubelet", true)]
    [InlineData("source=kubelet", true)]
    [InlineData("regarding.name=other", false)]
    public void Events_k8s_io_are_selected_by_what_they_regard(string selector, bool matches)
    {
        var fields = For("events.k8s.io", "events");
        var ev = JsonNode.Parse("""
            {"metadata":{"name":"e","namespace":"default"},
             "regarding":{"kind":"Pod","name":"web-1","namespace":"default","uid":"u1","apiVersion":"v1","resourceVersion":"42","fieldPath":"spec"},
             "reason":"Pulled","type":"Normal","reportingController":"kubelet","note":"pulled"}
            """)!.AsObject();

        Assert.Equal(matches, fields.Matches(fields.Validate(FieldSelector.Parse(selector)), ev));
    }

    [Theory]
    [InlineData("", "pods", "spec.containers=x", "field label not supported: spec.containers")]
    [InlineData("", "pods", "metadata.labels=x", "field label not supported: metadata.labels")]
    [InlineData("", "nodes", "metadata.namespace=", "field label not supported: metadata.namespace")]
    [InlineData("", "namespaces", "metadata.namespace=", "field label not supported: metadata.namespace")]
    [InlineData("", "events", "regarding.name=x", "field label not supported: regarding.name")]
    [InlineData("events.k8s.io", "events", "involvedObject.name=x", "field label not supported: involvedObject.name")]
    [InlineData("", "secrets", "data=x", "field label not supported: data")]
    [InlineData("", "services", "spec.ports=x", "field label not supported: spec.ports")]
    [InlineData("apps", "replicasets", "spec.replicas=1", "field label not supported: spec.replicas")]
    [InlineData("batch", "jobs", "status.active=1", "field label \"status.active\" not supported for batchv1.Job")]
    [InlineData("apps", "deployments", "spec.replicas=1", "\"spec.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    [InlineData("", "configmaps", " metadata.name=x", "\" metadata.name\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    public void Unsupported_fields_fail_with_the_kinds_upstream_message(string group, string plural, string selector, string message)
    {
        var error = Assert.Throws<SelectorException>(() => For(group, plural).Validate(FieldSelector.Parse(selector)));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("", "pods", "spec.nodeName")]
    [InlineData("", "pods", "spec.host")]
    [InlineData("", "nodes", "spec.unschedulable")]
    [InlineData("", "events", "involvedObject.uid")]
    [InlineData("events.k8s.io", "events", "regarding.uid")]
    [InlineData("apps", "statefulsets", "metadata.namespace")]
    public void Supported_labels_are_listed(string group, string plural, string label)
    {
        var fields = For(group, plural);

        Assert.True(fields.Supports(label));
        Assert.Contains(label, fields.Labels);
    }

    [Fact]
    public void Every_kind_answers_for_its_name()
    {
        foreach (var resource in ResourceRegistry.BuiltIn.All)
        {
            Assert.True(For(resource.Group, resource.Plural).Supports("metadata.name"), resource.QualifiedResource);
        }
    }

    /// <summary>The fields of the served kind, or of a kind the server does not know (the default set).</summary>
    private static SelectableFields For(string group, string plural) =>
        ResourceRegistry.BuiltIn.All.FirstOrDefault(r => r.Group == group && r.Plural == plural)?.Strategy.FieldSelectors ?? FieldSelectorFields.Default;
}
