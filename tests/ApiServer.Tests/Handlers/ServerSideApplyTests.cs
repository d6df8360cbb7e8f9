using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>Server-side apply over HTTP: managedFields, conflicts with other managers, force, and removal of dropped fields.</summary>
public sealed class ServerSideApplyTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";
    private const string Apply = "application/apply-patch+yaml";

    [Fact]
    public async Task Apply_creates_with_an_apply_entry_and_a_second_apply_with_the_same_manager_updates()
    {
        var (created, body, _) = await api.SendAsync(HttpMethod.Patch, $"{Deployments}/ssa-create?fieldManager=alice", Manifest("ssa-create", 2, "nginx:1"), Apply);
        var (updated, after, _) = await api.SendAsync(HttpMethod.Patch, $"{Deployments}/ssa-create?fieldManager=alice", Manifest("ssa-create", 4, "nginx:2"), Apply);

        Assert.Equal(HttpStatusCode.Created, created);
        var entry = Assert.Single(body!["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("alice", entry["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.Equal("apps/v1", entry["apiVersion"]!.GetValue<string>());
        Assert.Equal("FieldsV1", entry["fieldsType"]!.GetValue<string>());
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:replicas"]);
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"web\"}"]!["f:image"]);
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Equal(4, after!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Single(after["metadata"]!["managedFields"]!.AsArray());
    }

    [Fact]
    public async Task Apply_conflicts_with_a_field_another_manager_changed_and_force_takes_it_over()
    {
        await api.SendAsync(HttpMethod.Post, $"{Deployments}?fieldManager=kubectl-client-side-apply", Json("ssa-conflict", 1));
        var (_, got, _) = await api.SendAsync(HttpMethod.Get, $"{Deployments}/ssa-conflict");
        var time = got!["metadata"]!["managedFields"]![0]!["time"]!.GetValue<string>();

        var (status, conflict, _) = await api.SendAsync(HttpMethod.Patch, $"{Deployments}/ssa-conflict?fieldManager=kubectl", Manifest("ssa-conflict", 3, "nginx:1"), Apply);
        var (forced, after, _) = await api.SendAsync(HttpMethod.Patch, $"{Deployments}/ssa-conflict?fieldManager=kubectl&force=true", Manifest("ssa-conflict", 3, "nginx:1"), Apply);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Conflict", conflict!["reason"]!.GetValue<string>());
        Assert.Equal($"Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1 at {time}: .spec.replicas", conflict["message"]!.GetValue<string>());
        var cause = Assert.Single(conflict["details"]!["causes"]!.AsArray())!;
        Assert.Equal("FieldManagerConflict", cause["reason"]!.GetValue<string>());
        Assert.Equal(".spec.replicas", cause["field"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, forced);
        Assert.Equal(3, after!["spec"]!["replicas"]!.GetValue<int>());
        var owners = after["metadata"]!["managedFields"]!.AsArray().ToDictionary(e => e!["manager"]!.GetValue<string>(), e => e!["fieldsV1"]!);
        Assert.Null(owners["kubectl-client-side-apply"]["f:spec"]!["f:replicas"]);
        Assert.NotNull(owners["kubectl"]["f:spec"]!["f:replicas"]);
    }

    [Fact]
    public async Task A_label_dropped_from_the_next_apply_is_removed_but_one_another_manager_set_stays()
    {
        await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/ssa-prune?fieldManager=alice",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa-prune\n  labels: {a: '1', b: '2'}\ndata: {k: v}\n", Apply);
        await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/ssa-prune?fieldManager=bob",
            """{"metadata":{"labels":{"c":"3"}}}""", "application/merge-patch+json");

        var (status, body, _) = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/ssa-prune?fieldManager=alice",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa-prune\n  labels: {a: '1'}\n", Apply);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"a":"1","c":"3"}""", body!["metadata"]!["labels"]!.ToJsonString());
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task Apply_needs_a_field_manager_and_force_is_for_apply_only()
    {
        var (missing, body, _) = await api.SendAsync(HttpMethod.Patch, $"{Deployments}/ssa-none", Manifest("ssa-none", 1, "nginx:1"), Apply);
        var (forced, forcedBody, _) = await api.SendAsync(HttpMethod.Patch, $"{Deployments}/ssa-none?force=true", """{"spec":{"replicas":1}}""", "application/merge-patch+json");
        var (withManaged, managedBody, _) = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/ssa-mf?fieldManager=x",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ssa-mf","managedFields":[{"manager":"x"}]}}""", Apply);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", body!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forced);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch", forcedBody!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, withManaged);
        Assert.Equal("metadata.managedFields must be nil", managedBody!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_fields_in_an_apply_are_warned_about_once_and_refused_when_strict()
    {
        const string config = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: NAME\nbogus: 1\ndata: {a: b}\n";

        var (created, _, response) = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/ssa-warn?fieldManager=a", config.Replace("NAME", "ssa-warn", StringComparison.Ordinal), Apply);
        var (updated, _, again) = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/ssa-warn?fieldManager=a", config.Replace("NAME", "ssa-warn", StringComparison.Ordinal), Apply);
        var (strict, body, _) = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/ssa-warn?fieldManager=a&fieldValidation=Strict", config.Replace("NAME", "ssa-warn", StringComparison.Ordinal), Apply);

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(["299 - \"unknown field \\\"bogus\\\"\""], response.Headers.GetValues("Warning"));
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Single(again.Headers.GetValues("Warning"));
        Assert.Equal(HttpStatusCode.BadRequest, strict);
        Assert.Contains("strict decoding error: unknown field \"bogus\"", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_without_a_field_manager_are_recorded_for_the_user_agent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/configmaps")
        {
            Content = new StringContent("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ssa-ua"},"data":{"a":"1"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.ParseAdd("kubectl/v1.33.0 (linux/amd64) kubernetes/abc");
        var response = await api.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var entry = Assert.Single(body["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("kubectl", entry["manager"]!.GetValue<string>());
        Assert.Equal("Update", entry["operation"]!.GetValue<string>());
        Assert.Equal("""{"f:data":{".":{},"f:a":{}}}""", entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task A_status_write_is_recorded_with_its_subresource()
    {
        await api.SendAsync(HttpMethod.Post, $"{Deployments}?fieldManager=creator", Json("ssa-status", 1));

        var (status, body, _) = await api.SendAsync(HttpMethod.Patch, $"{Deployments}/ssa-status/status?fieldManager=controller",
            """{"status":{"observedGeneration":1}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body!["status"]!["observedGeneration"]!.GetValue<int>());
        var entry = body!["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == "controller")!;
        Assert.Equal("status", entry["subresource"]!.GetValue<string>());
        Assert.Equal("""{"f:status":{"f:observedGeneration":{}}}""", entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task A_status_apply_keeps_its_entry_beside_the_spec_owners()
    {
        await api.SendAsync(HttpMethod.Post, $"{Deployments}?fieldManager=creator", Json("ssa-status-apply", 1));

        var (status, body, _) = await api.SendAsync(HttpMethod.Patch, $"{Deployments}/ssa-status-apply/status?fieldManager=controller",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"ssa-status-apply"},"status":{"replicas":1}}""", Apply);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body!["status"]!["replicas"]!.GetValue<int>());
        var entries = body["metadata"]!["managedFields"]!.AsArray();
        // Upstream orders Apply entries before Update ones.
        Assert.Equal(["controller", "creator"], entries.Select(e => e!["manager"]!.GetValue<string>()).ToArray());
        Assert.Equal("Apply", entries[0]!["operation"]!.GetValue<string>());
        Assert.Equal("status", entries[0]!["subresource"]!.GetValue<string>());
        Assert.Equal("""{"f:status":{"f:replicas":{}}}""", entries[0]!["fieldsV1"]!.ToJsonString());
    }

    private static string Manifest(string name, int replicas, string image) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: web{"}"}
          template:
            metadata:
              labels: {"{"}app: web{"}"}
            spec:
              containers:
              - name: web
                image: {image}
        """;

    private static string Json(string name, int replicas) => """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME"},"spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"web"}},
         "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1"}]}}}}
        """.Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("NAME", name, StringComparison.Ordinal);
}
