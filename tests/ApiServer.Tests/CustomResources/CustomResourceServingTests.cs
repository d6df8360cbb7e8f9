using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.ApiServer.Tests.CustomResources;

/// <summary>
/// A CRD's life in one in-process server: established and served (discovery, OpenAPI, the store layout upstream
/// uses), its objects selected and paged like built-in ones, conflicting names refused in its status, an invalid
/// CRD refused with upstream's causes, and a deleted CRD taking its objects and its kind with it.
/// </summary>
public sealed class CustomResourceServingTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task An_established_crd_is_discovered_and_its_objects_are_stored_selected_and_paged()
    {
        const string Group = "serve.example.com";
        await CreateCrdAsync(Group, "widgets", "Widget", "Namespaced", ["wd"]);
        var ns = await fixture.NewNamespaceAsync("crd");

        var (discovery, legacy, _) = await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}/v1");
        Assert.Equal(HttpStatusCode.OK, discovery);
        Assert.Contains(legacy!["resources"]!.AsArray(), r => (string?)r!["name"] == "widgets" && (string?)r["kind"] == "Widget");
        var (_, groups, _) = await fixture.SendAsync(HttpMethod.Get, "/apis");
        Assert.Contains(groups!["groups"]!.AsArray(), g => (string?)g!["name"] == Group);
        var (_, root, _) = await fixture.SendAsync(HttpMethod.Get, "/openapi/v3");
        Assert.NotNull(root!["paths"]![$"apis/{Group}/v1"]);

        for (var i = 0; i < 3; i++)
        {
            var (created, _, _) = await fixture.SendAsync(HttpMethod.Post, $"/apis/{Group}/v1/namespaces/{ns}/widgets",
                $$$"""{"apiVersion":"{{{Group}}}/v1","kind":"Widget","metadata":{"name":"w{{{i}}}","labels":{"n":"{{{i}}}"}},"spec":{"size":{{{i}}}}}""");
            Assert.Equal(HttpStatusCode.Created, created);
        }

        Assert.NotNull(await fixture.Store.GetAsync($"/registry/{Group}/widgets/{ns}/w1"));
        var (_, byName, _) = await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}/v1/namespaces/{ns}/widgets?fieldSelector=metadata.name%3Dw2");
        Assert.Equal(["w2"], Names(byName!));
        var (_, byLabel, _) = await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}/v1/widgets?labelSelector=n%20in%20(0,1)");
        Assert.Equal(["w0", "w1"], Names(byLabel!));
        var (_, page, _) = await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}/v1/namespaces/{ns}/widgets?limit=2");
        Assert.Equal(["w0", "w1"], Names(page!));
        var next = Uri.EscapeDataString((string)page!["metadata"]!["continue"]!);
        var (_, rest, _) = await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}/v1/namespaces/{ns}/widgets?limit=2&continue={next}");
        Assert.Equal(["w2"], Names(rest!));
        var (status, error, _) = await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}/v1/namespaces/{ns}/widgets?fieldSelector=spec.size%3D1");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("spec.size", (string?)error!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_versions_serve_the_same_objects_with_only_apiVersion_changed()
    {
        const string Group = "versions.example.com";
        var crd = Crd(Group, "gizmos", "Gizmo", "Namespaced", []).Replace(
            "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,",
            "\"versions\":[{\"name\":\"v1beta1\",\"served\":true,\"storage\":false,\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}},{\"name\":\"v1\",\"served\":true,\"storage\":true,",
            StringComparison.Ordinal);
        var (created, body, _) = await fixture.SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
        Assert.True(created == HttpStatusCode.Created, body?.ToJsonString());
        await Eventually.TrueAsync(async () => (await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}/v1beta1")).Status == HttpStatusCode.OK, "v1beta1 is served");

        var (made, _, _) = await fixture.SendAsync(HttpMethod.Post, $"/apis/{Group}/v1beta1/namespaces/default/gizmos", $$$"""{"apiVersion":"{{{Group}}}/v1beta1","kind":"Gizmo","metadata":{"name":"g"},"spec":{"size":2}}""");
        Assert.Equal(HttpStatusCode.Created, made);

        var (_, v1, _) = await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}/v1/namespaces/default/gizmos/g");
        Assert.Equal(($"{Group}/v1", 2), ((string?)v1!["apiVersion"], (int?)v1["spec"]!["size"]));
        var (_, list, _) = await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}/v1beta1/namespaces/default/gizmos");
        Assert.Equal($"{Group}/v1beta1", (string?)list!["items"]![0]!["apiVersion"]);
        var (_, apiGroup, _) = await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}");
        Assert.Equal("v1", (string?)apiGroup!["preferredVersion"]!["version"]);
        Assert.Equal(["v1", "v1beta1"], apiGroup["versions"]!.AsArray().Select(v => (string?)v!["version"]));
    }

    [Fact]
    public async Task A_cluster_scoped_custom_resource_lives_outside_namespaces()
    {
        const string Group = "cluster.example.com";
        await CreateCrdAsync(Group, "regions", "Region", "Cluster", []);

        var (created, body, _) = await fixture.SendAsync(HttpMethod.Post, $"/apis/{Group}/v1/regions", $$$"""{"apiVersion":"{{{Group}}}/v1","kind":"Region","metadata":{"name":"eu"}}""");

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Null(body!["metadata"]!["namespace"]);
        Assert.NotNull(await fixture.Store.GetAsync($"/registry/{Group}/regions/eu"));
        var (namespaced, _, _) = await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}/v1/namespaces/default/regions");
        Assert.Equal(HttpStatusCode.NotFound, namespaced);
    }

    [Fact]
    public async Task A_name_held_by_another_crd_of_the_group_is_not_accepted()
    {
        const string Group = "names.example.com";
        await CreateCrdAsync(Group, "apples", "Apple", "Namespaced", ["fruit"]);
        var (created, _, _) = await fixture.SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Crd(Group, "pears", "Pear", "Namespaced", ["fruit"]));
        Assert.Equal(HttpStatusCode.Created, created);

        var names = await Eventually.MatchesAsync(
            async () => Condition(await GetCrdAsync("pears." + Group), "NamesAccepted"),
            c => c is not null,
            "pears get a NamesAccepted condition");

        Assert.Equal(("False", "ShortNamesConflict", "\"fruit\" is already in use"), ((string?)names!["status"], (string?)names["reason"], (string?)names["message"]));
        Assert.Equal("False", (string?)Condition(await GetCrdAsync("pears." + Group), "Established")!["status"]);
        var (served, _, _) = await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}/v1/namespaces/default/pears");
        Assert.Equal(HttpStatusCode.NotFound, served);
    }

    [Fact]
    public async Task An_invalid_crd_is_refused_with_upstreams_causes()
    {
        var body = Crd("nodot", "things", "Thing", "Galaxy", []).Replace("\"things.nodot\"", "\"wrong.nodot\"", StringComparison.Ordinal);

        var (status, error, _) = await fixture.SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var causes = error!["details"]!["causes"]!.AsArray().Select(c => $"{c!["field"]}: {c["message"]}").ToList();
        Assert.Contains("metadata.name: Invalid value: \"wrong.nodot\": must be spec.names.plural+\".\"+spec.group", causes);
        Assert.Contains("spec.group: Invalid value: \"nodot\": should be a domain with at least one dot", causes);
        Assert.Contains("spec.scope: Unsupported value: \"Galaxy\": supported values: \"Cluster\", \"Namespaced\"", causes);
    }

    [Fact]
    public async Task Deleting_a_crd_deletes_its_objects_and_its_kind()
    {
        const string Group = "gone.example.com";
        await CreateCrdAsync(Group, "ghosts", "Ghost", "Namespaced", []);
        var (created, _, _) = await fixture.SendAsync(HttpMethod.Post, $"/apis/{Group}/v1/namespaces/default/ghosts", $$$"""{"apiVersion":"{{{Group}}}/v1","kind":"Ghost","metadata":{"name":"boo"}}""");
        Assert.Equal(HttpStatusCode.Created, created);

        var (deleted, marked, _) = await fixture.SendAsync(HttpMethod.Delete, $"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/ghosts.{Group}");
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Contains("customresourcecleanup.apiextensions.k8s.io", marked!["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f));

        await Eventually.TrueAsync(async () => (await fixture.SendAsync(HttpMethod.Get, $"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/ghosts.{Group}")).Status == HttpStatusCode.NotFound, "the CRD is gone");
        Assert.Null(await fixture.Store.GetAsync($"/registry/{Group}/ghosts/default/boo"));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.SendAsync(HttpMethod.Get, $"/apis/{Group}/v1")).Status);
        var (_, groups, _) = await fixture.SendAsync(HttpMethod.Get, "/apis");
        Assert.DoesNotContain(groups!["groups"]!.AsArray(), g => (string?)g!["name"] == Group);
    }

    private async Task CreateCrdAsync(string group, string plural, string kind, string scope, string[] shortNames)
    {
        var (created, body, _) = await fixture.SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Crd(group, plural, kind, scope, shortNames));
        Assert.True(created == HttpStatusCode.Created, body?.ToJsonString());
        await Eventually.TrueAsync(
            async () => (string?)Condition(await GetCrdAsync($"{plural}.{group}"), "Established")?["status"] == "True",
            $"{plural}.{group} is established");
    }

    private async Task<JsonObject> GetCrdAsync(string name) =>
        (await fixture.SendAsync(HttpMethod.Get, $"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{name}")).Body!;

    private static JsonObject? Condition(JsonObject crd, string type) =>
        (crd["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    private static List<string?> Names(JsonObject list) => [.. list["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"])];

    private static string Crd(string group, string plural, string kind, string scope, string[] shortNames) => """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"PLURAL.GROUP"},
         "spec":{"group":"GROUP","scope":"SCOPE",
          "names":{"plural":"PLURAL","kind":"KIND","shortNames":[SHORT]},
          "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","properties":{
            "spec":{"type":"object","properties":{"size":{"type":"integer"}}}}}}}]}}
        """
        .Replace("PLURAL", plural, StringComparison.Ordinal)
        .Replace("GROUP", group, StringComparison.Ordinal)
        .Replace("SCOPE", scope, StringComparison.Ordinal)
        .Replace("KIND", kind, StringComparison.Ordinal)
        .Replace("SHORT", string.Join(",", shortNames.Select(s => $"\"{s}\"")), StringComparison.Ordinal);
}
