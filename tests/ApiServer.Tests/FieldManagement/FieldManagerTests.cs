using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.FieldManagement;
using Orchestrator.ApiServer.Tests.Defaulting;

namespace Orchestrator.ApiServer.Tests.FieldManagement;

/// <summary>Ownership bookkeeping: updates take fields, applies own their configuration, conflict, force and prune.</summary>
public sealed class FieldManagerTests
{
    private const string Time = "2026-01-02T03:04:05Z";
    private static readonly FieldOwner Kubectl = new("kubectl-client-side-apply", ManagedFieldsEntry.Update, null);
    private static readonly FieldOwner Applier = new("applier", ManagedFieldsEntry.Apply, null);

    [Fact]
    public void An_update_takes_changed_fields_from_other_managers()
    {
        var resource = Served.Resource("apps", "deployments");
        var created = Deployment(replicas: 1);
        FieldManager.RecordCreate(resource, created, Kubectl, Time);
        var updated = Deployment(replicas: 5);
        updated["metadata"]!["managedFields"] = created["metadata"]!["managedFields"]!.DeepClone();

        FieldManager.RecordUpdate(resource, created, updated, new FieldOwner("scaler", ManagedFieldsEntry.Update, null), "2026-01-02T03:05:00Z");

        var entries = ManagedFieldsEntry.Read(updated);
        Assert.Equal(["kubectl-client-side-apply", "scaler"], entries.Select(e => e.Manager).ToArray());
        Assert.DoesNotContain(".spec.replicas", entries[0].Fields.Members().Select(FieldPath.Text));
        Assert.Equal([".spec.replicas"], entries[1].Fields.Members().Select(FieldPath.Text).ToArray());
        Assert.Equal(Time, entries[0].Time);
    }

    [Fact]
    public void An_apply_changing_a_field_owned_by_another_manager_conflicts_and_force_takes_it()
    {
        var resource = Served.Resource("apps", "deployments");
        var live = Deployment(replicas: 1);
        FieldManager.RecordCreate(resource, live, Kubectl, Time);
        var config = Deployment(replicas: 3);

        var error = Assert.Throws<ApiException>(() => FieldManager.Apply(resource, live, Merged(live, 3), config, Applier, force: false, Time));
        Assert.Equal(409, error.Code);
        Assert.Equal("Conflict", error.Reason);
        Assert.Equal($"Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1 at {Time}: .spec.replicas", error.Message);
        Assert.Equal([new StatusCause("FieldManagerConflict", $"conflict with \"kubectl-client-side-apply\" using apps/v1 at {Time}", ".spec.replicas")], error.Causes);

        var merged = Merged(live, 3);
        FieldManager.Apply(resource, live, merged, config, Applier, force: true, Time);
        var entries = ManagedFieldsEntry.Read(merged);
        Assert.DoesNotContain(".spec.replicas", entries.Single(e => e.Manager == "kubectl-client-side-apply").Fields.Members().Select(FieldPath.Text));
        Assert.Contains(".spec.replicas", entries.Single(e => e.Manager == "applier").Fields.Members().Select(FieldPath.Text));
    }

    [Fact]
    public void Applying_the_same_value_shares_ownership_without_conflict()
    {
        var resource = Served.Resource("apps", "deployments");
        var live = Deployment(replicas: 1);
        FieldManager.RecordCreate(resource, live, Kubectl, Time);
        var merged = Merged(live, 1);

        FieldManager.Apply(resource, live, merged, Deployment(replicas: 1), Applier, force: false, Time);

        Assert.All(ManagedFieldsEntry.Read(merged), e => Assert.Contains(".spec.replicas", e.Fields.Members().Select(FieldPath.Text)));
    }

    [Fact]
    public void A_field_dropped_from_the_configuration_is_removed_unless_another_manager_owns_it()
    {
        var resource = Served.Resource("", "configmaps");
        var live = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"2","c":"3"}}""")!.AsObject();
        var first = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"2"}}""")!.AsObject();
        FieldManager.RecordApplyCreate(resource, live, first, Applier, Time);
        var others = ManagedFieldsEntry.Read(live);
        others.Add(new ManagedFieldsEntry("editor", ManagedFieldsEntry.Update, null, "v1", Time, FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:data":{"f:b":{},"f:c":{}}}"""))));
        ManagedFieldsEntry.Write(live, others);
        var second = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{}}""")!.AsObject();
        var merged = live.DeepClone().AsObject();

        FieldManager.Apply(resource, live, merged, second, Applier, force: false, Time);

        Assert.Equal("""{"b":"2","c":"3"}""", merged["data"]!.ToJsonString());
    }

    private static JsonObject Deployment(int replicas) => JsonNode.Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"web"}},
         "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1"}]}}}}
        """.Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))!.AsObject();

    private static JsonObject Merged(JsonObject live, int replicas)
    {
        var merged = live.DeepClone().AsObject();
        merged["spec"]!["replicas"] = replicas;
        return merged;
    }
}
