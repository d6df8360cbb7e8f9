using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>Watch over HTTP: framing, initial state, resume from a revision, 410 after compaction, initial-events bookmarks.</summary>
public sealed class WatchTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Watch_without_a_version_sends_current_state_then_changes_with_type_meta()
    {
        const string ns = "/api/v1/namespaces/default/configmaps";
        await Create("w-existing");
        using var stream = await OpenAsync($"{ns}?watch=true&timeoutSeconds=30");

        var added = await stream.NextAsync();
        await Create("w-new");
        var created = await stream.NextAsync();
        await api.SendAsync(HttpMethod.Delete, $"{ns}/w-new");
        var deleted = await stream.NextAsync();

        Assert.Equal(("ADDED", "w-existing"), Describe(added));
        Assert.Equal(("ADDED", "w-new"), Describe(created));
        Assert.Equal(("DELETED", "w-new"), Describe(deleted));
        Assert.All(new[] { added, created, deleted }, e =>
        {
            Assert.Equal("ConfigMap", e["object"]!["kind"]!.GetValue<string>());
            Assert.Equal("v1", e["object"]!["apiVersion"]!.GetValue<string>());
        });
        Assert.True(long.Parse(deleted["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            > long.Parse(created["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Watch_from_a_resource_version_sends_only_later_changes_and_ends_at_its_timeout()
    {
        var (_, first, _) = await Create("rv-first");
        var rv = first!["metadata"]!["resourceVersion"]!.GetValue<string>();
        await Create("rv-second");

        using var stream = await OpenAsync($"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}&timeoutSeconds=2");
        var next = await stream.NextAsync();

        Assert.Equal(("ADDED", "rv-second"), Describe(next));
        Assert.Null(await stream.NextOrEndAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Watch_from_a_version_older_than_the_watch_cache_window_ends_with_a_410_Expired_error_event()
    {
        // Revision 2 predates every watch cache: they start after the bootstrap objects are written.
        using var stream = await OpenAsync("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=2");
        var error = await stream.NextAsync();

        Assert.Equal("ERROR", error["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("too old resource version: 2 (", error["object"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await stream.NextOrEndAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Lists_from_the_cache_see_a_write_at_once_and_resource_version_0_lists_are_served_too()
    {
        await Create("cache-fresh");

        var (_, consistent, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps");
        var (_, any, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps?resourceVersion=0");

        Assert.Contains(consistent!["items"]!.AsArray(), i => i!["metadata"]!["name"]!.GetValue<string>() == "cache-fresh");
        Assert.Equal("ConfigMapList", any!["kind"]!.GetValue<string>());
        Assert.Contains(any["items"]!.AsArray(), i => i!["metadata"]!["name"]!.GetValue<string>() == "cache-fresh");
    }

    [Fact]
    public async Task Send_initial_events_ends_the_initial_state_with_a_bookmark()
    {
        await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"initial-events"}}""");
        await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/initial-events/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"one"}}""");

        using var stream = await OpenAsync("/api/v1/namespaces/initial-events/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=30");
        var added = await stream.NextAsync();
        var bookmark = await stream.NextAsync();

        Assert.Equal(("ADDED", "one"), Describe(added));
        Assert.Equal("BOOKMARK", bookmark["type"]!.GetValue<string>());
        Assert.Equal("true", bookmark["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_initial_events_without_its_required_parameters_is_a_400()
    {
        var (status, _, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    private Task<(HttpStatusCode, JsonObject?, HttpResponseMessage)> Create(string name) =>
        api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}"}}""");

    private async Task<EventStream> OpenAsync(string path)
    {
        var response = await api.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    private static (string, string) Describe(JsonObject e) =>
        (e["type"]!.GetValue<string>(), e["object"]!["metadata"]!["name"]!.GetValue<string>());

    private sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public async Task<JsonObject> NextAsync() =>
            await NextOrEndAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("the watch ended");

        public async Task<JsonObject?> NextOrEndAsync(TimeSpan timeout)
        {
            var line = await reader.ReadLineAsync().WaitAsync(timeout);
            return line is null ? null : JsonNode.Parse(line)!.AsObject();
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
