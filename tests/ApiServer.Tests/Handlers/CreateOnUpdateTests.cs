using System.Net;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>
/// A PUT to a missing object creates it (201) for the kinds upstream allows to (AllowCreateOnUpdate in
/// pkg/registry/*/strategy.go) and answers 404 for the others.
/// </summary>
public sealed class CreateOnUpdateTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    public static TheoryData<string, string, bool> Kinds => new()
    {
        { "", "services", true },
        { "", "endpoints", true },
        { "", "events", true },
        { "events.k8s.io", "events", true },
        { "coordination.k8s.io", "leases", true },
        { "node.k8s.io", "runtimeclasses", true },
        { "", "namespaces", false },
        { "", "pods", false },
        { "", "nodes", false },
        { "", "configmaps", false },
        { "", "secrets", false },
        { "", "serviceaccounts", false },
        { "", "resourcequotas", false },
        { "apps", "deployments", false },
        { "batch", "cronjobs", false },
        { "policy", "poddisruptionbudgets", false },
        { "discovery.k8s.io", "endpointslices", false },
        { "scheduling.k8s.io", "priorityclasses", false },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_kind_creates_on_update_as_upstream(string group, string plural, bool allowed)
    {
        var resource = ResourceRegistry.BuiltIn.All.Single(r => r.Group == group && r.Plural == plural && r.StoredAs is null);
        Assert.Equal(allowed, resource.Strategy.AllowCreateOnUpdate);
    }

    [Fact]
    public async Task A_PUT_to_a_missing_lease_creates_it()
    {
        const string Lease = "/apis/coordination.k8s.io/v1/namespaces/default/leases/put-created";
        var body = """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"put-created"},"spec":{"holderIdentity":"me"}}""";

        var (status, created, _) = await api.SendAsync(HttpMethod.Put, Lease, body);
        var (again, updated, _) = await api.SendAsync(HttpMethod.Put, Lease, body.Replace("\"me\"", "\"you\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("me", created!["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.NotNull(created["metadata"]!["uid"]);
        Assert.NotNull(created["metadata"]!["resourceVersion"]);
        Assert.Equal("Update", created["metadata"]!["managedFields"]![0]!["operation"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal("you", updated!["spec"]!["holderIdentity"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_PUT_that_creates_takes_the_name_from_the_URL_and_refuses_another()
    {
        const string Leases = "/apis/coordination.k8s.io/v1/namespaces/default/leases";

        var (named, created, _) = await api.SendAsync(HttpMethod.Put, $"{Leases}/put-unnamed", """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{}}""");
        var (other, error, _) = await api.SendAsync(HttpMethod.Put, $"{Leases}/put-url", """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"put-body"}}""");

        Assert.Equal(HttpStatusCode.Created, named);
        Assert.Equal("put-unnamed", created!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, other);
        Assert.Equal("the name of the object (put-body) does not match the name on the URL (put-url)", error!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_PUT_that_creates_in_a_missing_namespace_is_404_for_the_namespace()
    {
        var (status, error, _) = await api.SendAsync(HttpMethod.Put, "/apis/coordination.k8s.io/v1/namespaces/nowhere/leases/l", """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"l"}}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("namespaces \"nowhere\" not found", error!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_PUT_to_a_missing_configmap_is_404()
    {
        var (status, error, _) = await api.SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/configmaps/put-missing", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"put-missing"}}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NotFound", error!["reason"]!.GetValue<string>());
        Assert.Equal("configmaps \"put-missing\" not found", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_PUT_to_the_status_of_a_missing_service_is_404()
    {
        var (status, _, _) = await api.SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/services/put-status/status", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"put-status"}}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
