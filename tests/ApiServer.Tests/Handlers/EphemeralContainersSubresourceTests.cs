using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>
/// pods/ephemeralcontainers through the generic handlers: read as the pod, replaced and patched (every patch type)
/// with only spec.ephemeralContainers taken from the request, existing ones fixed, and the subresource published in
/// discovery and OpenAPI as kube-apiserver publishes it.
/// </summary>
public sealed class EphemeralContainersSubresourceTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private const string Debugger = """{"name":"debugger","image":"busybox:1.36","stdin":true,"tty":true,"targetContainerName":"app"}""";

    [Fact]
    public async Task Get_answers_the_pod()
    {
        var path = await CreatePodAsync("get");

        var (status, pod, _) = await api.SendAsync(HttpMethod.Get, $"{path}/ephemeralcontainers");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Pod", pod!["kind"]!.GetValue<string>());
        Assert.Equal("v1", pod["apiVersion"]!.GetValue<string>());
        Assert.Equal("app", pod["spec"]!["containers"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_adds_an_ephemeral_container_defaulted_and_keeps_everything_else_as_stored()
    {
        var path = await CreatePodAsync("put");
        var (_, pod, _) = await api.SendAsync(HttpMethod.Get, $"{path}/ephemeralcontainers");
        pod!["spec"]!["ephemeralContainers"] = new JsonArray(JsonNode.Parse(Debugger));
        pod["spec"]!["containers"]![0]!["image"] = "nginx:changed";
        pod["metadata"]!["labels"] = new JsonObject { ["changed"] = "yes" };

        var (status, answer, _) = await api.SendAsync(HttpMethod.Put, $"{path}/ephemeralcontainers", pod.ToJsonString());
        var (_, stored, _) = await api.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Pod", answer!["kind"]!.GetValue<string>());
        var added = stored!["spec"]!["ephemeralContainers"]!.AsArray().Single()!;
        Assert.Equal("debugger", added["name"]!.GetValue<string>());
        Assert.Equal("app", added["targetContainerName"]!.GetValue<string>());
        Assert.Equal("File", added["terminationMessagePolicy"]!.GetValue<string>());
        Assert.Equal("/dev/termination-log", added["terminationMessagePath"]!.GetValue<string>());
        Assert.Equal("IfNotPresent", added["imagePullPolicy"]!.GetValue<string>());
        Assert.Equal("nginx", stored["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Null(stored["metadata"]!["labels"]);

        // The writer owns the new container, recorded against the subresource as upstream's field manager records it.
        var entry = stored["metadata"]!["managedFields"]!.AsArray().Single(e => e!["subresource"]?.GetValue<string>() == "ephemeralcontainers")!;
        Assert.Equal("Update", entry["operation"]!.GetValue<string>());
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:ephemeralContainers"]!["k:{\"name\":\"debugger\"}"]);
    }

    [Theory]
    [InlineData("application/strategic-merge-patch+json", """{"spec":{"ephemeralContainers":[{"name":"second","image":"busybox"}]}}""")]
    [InlineData("application/json-patch+json", """[{"op":"add","path":"/spec/ephemeralContainers/-","value":{"name":"second","image":"busybox"}}]""")]
    public async Task Patch_adds_a_second_ephemeral_container_beside_the_first(string contentType, string patch)
    {
        var path = await CreatePodWithDebuggerAsync("patch" + (contentType.Contains("strategic", StringComparison.Ordinal) ? "-smp" : "-json"));

        var (status, patched, _) = await api.SendAsync(HttpMethod.Patch, $"{path}/ephemeralcontainers", patch, contentType);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["debugger", "second"], patched!["spec"]!["ephemeralContainers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Server_side_apply_adds_an_ephemeral_container_owned_by_the_applier()
    {
        var path = await CreatePodWithDebuggerAsync("apply");

        var (status, applied, _) = await api.SendAsync(
            HttpMethod.Patch,
            $"{path}/ephemeralcontainers?fieldManager=debugger-tool",
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"apply"},"spec":{"ephemeralContainers":[{"name":"applied","image":"busybox"}]}}""",
            "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["applied", "debugger"], applied!["spec"]!["ephemeralContainers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Contains(applied["metadata"]!["managedFields"]!.AsArray(), e => e!["manager"]!.GetValue<string>() == "debugger-tool" && e["operation"]!.GetValue<string>() == "Apply");
    }

    [Fact]
    public async Task A_merge_patch_replaces_the_list_so_it_must_carry_the_existing_containers()
    {
        var path = await CreatePodWithDebuggerAsync("merge");
        var (_, pod, _) = await api.SendAsync(HttpMethod.Get, path);
        var list = pod!["spec"]!["ephemeralContainers"]!.DeepClone().AsArray();
        list.Add(JsonNode.Parse("""{"name":"second","image":"busybox"}"""));

        var (status, patched, _) = await api.SendAsync(HttpMethod.Patch, $"{path}/ephemeralcontainers", new JsonObject { ["spec"] = new JsonObject { ["ephemeralContainers"] = list } }.ToJsonString(), "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, patched!["spec"]!["ephemeralContainers"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_patch_of_other_fields_through_the_subresource_changes_nothing()
    {
        var path = await CreatePodAsync("others");

        var (status, patched, _) = await api.SendAsync(HttpMethod.Patch, $"{path}/ephemeralcontainers", """{"metadata":{"labels":{"x":"y"}},"spec":{"activeDeadlineSeconds":5}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(patched!["metadata"]!["labels"]);
        Assert.Null(patched["spec"]!["activeDeadlineSeconds"]);
    }

    [Fact]
    public async Task An_existing_ephemeral_container_may_not_be_changed()
    {
        var path = await CreatePodWithDebuggerAsync("changed");

        var (status, error, _) = await api.SendAsync(HttpMethod.Patch, $"{path}/ephemeralcontainers", """{"spec":{"ephemeralContainers":[{"name":"debugger","image":"busybox:1.37"}]}}""", "application/strategic-merge-patch+json");

        Assert.Equal((HttpStatusCode)422, status);
        Assert.StartsWith("Pod \"changed\" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers \"debugger\" may not be changed\n", error!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("spec.ephemeralContainers", error["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_existing_ephemeral_container_may_not_be_removed()
    {
        var path = await CreatePodWithDebuggerAsync("removed");

        var (status, error, _) = await api.SendAsync(HttpMethod.Patch, $"{path}/ephemeralcontainers", """[{"op":"remove","path":"/spec/ephemeralContainers/0"}]""", "application/json-patch+json");

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("Pod \"removed\" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers \"debugger\" may not be removed\n", error!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_new_ephemeral_container_is_validated_as_upstream_validates_it()
    {
        var path = await CreatePodAsync("invalid");

        var (status, error, _) = await api.SendAsync(HttpMethod.Patch, $"{path}/ephemeralcontainers", """{"spec":{"ephemeralContainers":[{"name":"d","image":"busybox","ports":[{"containerPort":80}],"targetContainerName":"nope"}]}}""", "application/strategic-merge-patch+json");

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal(
            "Pod \"invalid\" is invalid: [spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\", spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container]",
            error!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pod_may_not_be_created_with_ephemeral_containers()
    {
        var (status, error, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", $$$"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"created-with"},"spec":{"containers":[{"name":"app","image":"nginx"}],"ephemeralContainers":[{{{Debugger}}}]}}
            """);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("Pod \"created-with\" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create", error!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_pod_itself_may_not_add_ephemeral_containers()
    {
        var path = await CreatePodAsync("plain-update");

        var (status, error, _) = await api.SendAsync(HttpMethod.Patch, path, $$$"""{"spec":{"ephemeralContainers":[{{{Debugger}}}]}}""", "application/strategic-merge-patch+json");

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Contains("spec: Forbidden: pod updates may not change fields other than", error!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_with_ephemeral_containers_still_takes_plain_updates()
    {
        var path = await CreatePodWithDebuggerAsync("labelled");

        var (status, patched, _) = await api.SendAsync(HttpMethod.Patch, path, """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("b", patched!["metadata"]!["labels"]!["a"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Verbs_other_than_get_update_and_patch_are_not_allowed(string method)
    {
        var path = await CreatePodAsync("verbs-" + method.ToLowerInvariant());

        var (status, _, _) = await api.SendAsync(new HttpMethod(method), $"{path}/ephemeralcontainers", method == "POST" ? "{}" : null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
    }

    [Fact]
    public async Task Discovery_lists_the_subresource_with_kind_pod_and_get_patch_update()
    {
        var (_, resources, _) = await api.SendAsync(HttpMethod.Get, "/api/v1");
        var listed = resources!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "pods/ephemeralcontainers")!;

        Assert.Equal("Pod", listed["kind"]!.GetValue<string>());
        Assert.True(listed["namespaced"]!.GetValue<bool>());
        Assert.Equal("", listed["singularName"]!.GetValue<string>());
        Assert.Equal(["get", "patch", "update"], listed["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));

        foreach (var version in new[] { "v2", "v2beta1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api");
            request.Headers.TryAddWithoutValidation("Accept", $"application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList");
            using var response = await api.Http.SendAsync(request);
            var aggregated = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var pods = aggregated["items"]![0]!["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "pods")!;
            var sub = pods["subresources"]!.AsArray().Single(s => s!["subresource"]!.GetValue<string>() == "ephemeralcontainers")!;

            Assert.Equal("""{"group":"","version":"v1","kind":"Pod"}""", sub["responseKind"]!.ToJsonString());
            Assert.Equal(["get", "patch", "update"], sub["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        }
    }

    [Fact]
    public void OpenApi_v3_documents_read_replace_and_patch_of_the_subresource()
    {
        var operations = OpenApi.Documents.Parse("api/v1")["paths"]!["/api/v1/namespaces/{namespace}/pods/{name}/ephemeralcontainers"]!;

        Assert.Equal("readCoreV1NamespacedPodEphemeralcontainers", operations["get"]!["operationId"]!.GetValue<string>());
        Assert.Equal("replaceCoreV1NamespacedPodEphemeralcontainers", operations["put"]!["operationId"]!.GetValue<string>());
        Assert.Equal("patchCoreV1NamespacedPodEphemeralcontainers", operations["patch"]!["operationId"]!.GetValue<string>());
        Assert.Equal("Pod", operations["patch"]!["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.Pod", operations["put"]!["requestBody"]!["content"]!["*/*"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Null(operations["post"]);
        Assert.Null(operations["delete"]);
    }

    private async Task<string> CreatePodAsync(string name)
    {
        var (status, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", $$$"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"containers":[{"name":"app","image":"nginx"}]}}
            """);
        Assert.Equal(HttpStatusCode.Created, status);
        return $"/api/v1/namespaces/default/pods/{name}";
    }

    private async Task<string> CreatePodWithDebuggerAsync(string name)
    {
        var path = await CreatePodAsync(name);
        var (status, _, _) = await api.SendAsync(HttpMethod.Patch, $"{path}/ephemeralcontainers", $$$"""{"spec":{"ephemeralContainers":[{{{Debugger}}}]}}""", "application/strategic-merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, status);
        return path;
    }
}
