using System.Net;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>Finalizers keep a deleted object until they are removed; removing the last one deletes it.</summary>
public sealed class FinalizerTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Removing_the_last_finalizer_of_a_deleted_object_deletes_it()
    {
        const string path = "/api/v1/namespaces/default/configmaps/held";
        await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"held","finalizers":["example.com/a","example.com/b"]}}
            """);

        var (deleting, marked, _) = await api.SendAsync(HttpMethod.Delete, path);
        Assert.Equal(HttpStatusCode.OK, deleting);
        Assert.NotNull(marked!["metadata"]!["deletionTimestamp"]);

        var (_, stillThere, _) = await api.SendAsync(HttpMethod.Patch, path, """{"metadata":{"finalizers":["example.com/b"]}}""", "application/merge-patch+json");
        Assert.Equal(["example.com/b"], stillThere!["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, path)).Item1);

        var (last, _, _) = await api.SendAsync(HttpMethod.Patch, path, """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, last);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Get, path)).Item1);
    }

    [Fact]
    public async Task A_gracefully_deleting_pod_stays_until_its_final_delete()
    {
        await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"graceful"},"spec":{"nodeName":"n1","containers":[{"name":"c","image":"busybox"}]}}
            """);

        var (_, marked, _) = await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/pods/graceful");
        var (patched, _, _) = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/pods/graceful", """{"metadata":{"labels":{"x":"y"}}}""", "application/merge-patch+json");
        var (present, _, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods/graceful");
        var (final, _, _) = await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/pods/graceful", """{"gracePeriodSeconds":0}""");
        var (gone, _, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods/graceful");

        Assert.Equal(30, marked!["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(HttpStatusCode.OK, present);
        Assert.Equal(HttpStatusCode.OK, final);
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }
}

/// <summary>namespaces/{name}/finalize, as the namespace controller uses it.</summary>
public sealed class NamespaceFinalizeTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task A_terminating_namespace_goes_once_its_spec_finalizers_are_cleared()
    {
        await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"to-finalize"}}""");

        var (_, terminating, _) = await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/to-finalize");
        var (_, still, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/to-finalize");
        var (finalized, _, _) = await api.SendAsync(HttpMethod.Put, "/api/v1/namespaces/to-finalize/finalize", """
            {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"to-finalize"},"spec":{"finalizers":[]}}
            """);
        var (gone, _, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/to-finalize");

        Assert.Equal("Terminating", terminating!["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(["kubernetes"], still!["spec"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(System.Net.HttpStatusCode.OK, finalized);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone);
    }
}
