using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Aggregation;

/// <summary>
/// API aggregation end to end on `orchestrator up` with real kubectl: the local APIServices as on a real cluster, the
/// front proxy's ConfigMap, an APIService backed by <see cref="SampleAggregatedServer"/> through a Service and an
/// EndpointSlice on a host address: Available, proxied with the user headers and our front-proxy certificate, in
/// discovery and api-resources; the backend stopped: Available=False within the recheck period and 503 on the proxy.
/// </summary>
public sealed class AggregatedApiTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private const string Namespace = "wardle";
    private const string ServiceName = "api";
    private const string ApiServiceName = SampleAggregatedServer.Version + "." + SampleAggregatedServer.Group;

    private OrchestratorProcess Server => fixture.Server;

    [Fact]
    public async Task Local_api_services_are_listed_available_as_on_a_real_cluster()
    {
        using var kubectl = new Kubectl("1.33", Server.Kubeconfig);

        var result = await kubectl.RunAsync("get", "apiservices");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n');
        Assert.Matches(@"^NAME\s+SERVICE\s+AVAILABLE\s+AGE", lines[0]);
        await Eventually.TrueAsync(async () =>
        {
            var listed = (await kubectl.RunAsync("get", "apiservices")).Stdout.Split('\n');
            return listed.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^v1\.\s+Local\s+True\s"))
                && listed.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^v1\.apps\s+Local\s+True\s"));
        }, "v1. and v1.apps are Local and Available");
    }

    [Fact]
    public async Task An_api_service_is_proxied_with_the_user_headers_listed_in_discovery_and_unavailable_once_its_backend_stops()
    {
        using var kubectl = new Kubectl("1.33", Server.Kubeconfig);
        var frontProxyCa = await ReadAsync(kubectl, "get", "configmap", "-n", "kube-system", "extension-apiserver-authentication", "-o", "jsonpath={.data.requestheader-client-ca-file}");
        var allowedNames = JsonNode.Parse(await ReadAsync(kubectl, "get", "configmap", "-n", "kube-system", "extension-apiserver-authentication", "-o", "jsonpath={.data.requestheader-allowed-names}"))!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Equal(["front-proxy-client"], allowedNames);
        Assert.Equal("[\"X-Remote-User\"]", await ReadAsync(kubectl, "get", "configmap", "-n", "kube-system", "extension-apiserver-authentication", "-o", "jsonpath={.data.requestheader-username-headers}"));

        var address = HostAddress();
        var backend = await SampleAggregatedServer.StartAsync(address, $"{ServiceName}.{Namespace}.svc", frontProxyCa, allowedNames);
        await using (backend)
        {
            var applied = await kubectl.RunWithInputAsync(Manifest(address, backend.Port, backend.CaBundle), "apply", "-f", "-");
            Assert.True(applied.ExitCode == 0, applied.ToString());
            await Eventually.TrueAsync(async () => await AvailableAsync(kubectl) == "True Passed", "the APIService becomes Available");

            var flunder = JsonNode.Parse(await ReadAsync(kubectl, "get", "--raw", $"/apis/{SampleAggregatedServer.Group}/{SampleAggregatedServer.Version}/namespaces/{Namespace}/flunders/one"))!;
            Assert.Equal("admin", flunder["spec"]!["user"]!.GetValue<string>());
            Assert.Equal(["system:masters", "system:authenticated"], flunder["spec"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
            Assert.Equal("front-proxy-client", flunder["spec"]!["client"]!.GetValue<string>());

            // Impersonation is applied here, then its headers are not forwarded: the backend sees only the result.
            var impersonated = JsonNode.Parse(await ReadAsync(kubectl, "get", "--raw", $"/apis/{SampleAggregatedServer.Group}/{SampleAggregatedServer.Version}/namespaces/{Namespace}/flunders/one", "--as", "jane", "--as-group", "system:masters", "--as-group", "wardle-readers"))!;
            Assert.Equal("jane", impersonated["spec"]!["user"]!.GetValue<string>());
            Assert.Equal(["system:masters", "wardle-readers", "system:authenticated"], impersonated["spec"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
            Assert.Equal("", impersonated["spec"]!["impersonate"]!.GetValue<string>());
            Assert.Equal("", impersonated["spec"]!["authorization"]!.GetValue<string>());

            foreach (var version in new[] { "1.33", "1.27" })
            {
                using var versioned = new Kubectl(version, Server.Kubeconfig);
                var resources = await Eventually.NotNullAsync<string>(async () =>
                {
                    var listed = await versioned.RunAsync("api-resources", "--api-group", SampleAggregatedServer.Group);
                    return listed.ExitCode == 0 && listed.Stdout.Contains("flunders", StringComparison.Ordinal) ? listed.Stdout : null;
                }, $"kubectl {version} api-resources lists flunders");
                Assert.Matches(@"(?m)^flunders\s+fl\s+wardle\.example\.com/v1alpha1\s+true\s+Flunder\s*$", resources);

                var listed = await versioned.RunAsync("get", "flunders", "-n", Namespace);
                Assert.True(listed.ExitCode == 0, listed.ToString());
                Assert.Matches(@"(?m)^one\s", listed.Stdout);
                Assert.Matches(@"(?m)^two\s", listed.Stdout);
            }

            // A watch streams through: the first event arrives while the backend still holds the second.
            using (var http = Server.CreateHttpClient())
            {
                using var watch = await http.GetAsync($"/apis/{SampleAggregatedServer.Group}/{SampleAggregatedServer.Version}/namespaces/{Namespace}/flunders?watch=true", HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
                using var events = new StreamReader(await watch.Content.ReadAsStreamAsync());
                var first = JsonNode.Parse((await events.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!)!;
                Assert.Equal("one", first["object"]!["metadata"]!["name"]!.GetValue<string>());
                backend.ReleaseWatch();
                var second = JsonNode.Parse((await events.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!)!;
                Assert.Equal("two", second["object"]!["metadata"]!["name"]!.GetValue<string>());
                Assert.Null(await events.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            }

            Assert.Equal(0, backend.RejectedClients);
        }

        // The backend is gone: the next recheck (every 10 s) fails discovery, and the proxy answers 503.
        await Eventually.TrueAsync(async () => (await AvailableAsync(kubectl)).StartsWith("False FailedDiscoveryCheck", StringComparison.Ordinal), "the APIService becomes unavailable", TimeSpan.FromSeconds(30));
        var unavailable = await kubectl.RunAsync("get", "--raw", $"/apis/{SampleAggregatedServer.Group}/{SampleAggregatedServer.Version}/namespaces/{Namespace}/flunders/one");
        Assert.NotEqual(0, unavailable.ExitCode);
        Assert.Contains("the server is currently unable to handle the request", unavailable.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string> AvailableAsync(Kubectl kubectl) =>
        (await kubectl.RunAsync("get", "apiservice", ApiServiceName, "-o", "jsonpath={.status.conditions[?(@.type==\"Available\")].status} {.status.conditions[?(@.type==\"Available\")].reason}")).Stdout;

    private static async Task<string> ReadAsync(Kubectl kubectl, params string[] args)
    {
        var result = await kubectl.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    /// <summary>An IPv4 address of an interface that is up and not loopback (EndpointSlice validation refuses loopback, as upstream).</summary>
    private static IPAddress HostAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? throw new InvalidOperationException("no non-loopback IPv4 address on this machine for the aggregated server's endpoint");

    private static string Manifest(IPAddress address, int port, string caBundle) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {Namespace}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {ServiceName}
          namespace: {Namespace}
        spec:
          ports:
          - name: https
            port: 443
            targetPort: {port}
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: {ServiceName}-manual
          namespace: {Namespace}
          labels:
            kubernetes.io/service-name: {ServiceName}
        addressType: IPv4
        endpoints:
        - addresses: ["{address}"]
          conditions:
            ready: true
        ports:
        - name: https
          port: {port}
          protocol: TCP
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata:
          name: {ApiServiceName}
        spec:
          group: {SampleAggregatedServer.Group}
          version: {SampleAggregatedServer.Version}
          groupPriorityMinimum: 1000
          versionPriority: 15
          caBundle: {caBundle}
          service:
            namespace: {Namespace}
            name: {ServiceName}
            port: 443
        """;
}
