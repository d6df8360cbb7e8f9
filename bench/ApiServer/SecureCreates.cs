using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;

namespace Orchestrator.Bench;

/// <summary>
/// <c>bench/apiserver.sh --tls</c>: pod creates at 64 clients over HTTPS, authenticated by a client
/// certificate and authorized by RBAC through a RoleBinding (not the system:masters short cut),
/// against plain HTTP without authentication, each on its own fresh server in the same run.
/// </summary>
internal static class SecureCreates
{
    private const int Concurrency = 64;

    public static async Task RunAsync(bool quick)
    {
        var creates = quick ? 3_000 : 20_000;
        Console.WriteLine($"# HTTPS + client certificate + RBAC vs plain HTTP — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        using var ca = CertificateAuthority.Create("bench-ca");
        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var security = new ApiServerSecurity
        {
            ServingCertificate = ca.IssueServing("kube-apiserver", ["localhost"], [IPAddress.Loopback]),
            ClientCertificateAuthority = X509CertificateLoader.LoadCertificate(ca.Certificate.RawData),
            ServiceAccountSigningKey = signing,
            AuthorizationModes = ["RBAC"],
        };

        var plain = await MeasureAsync("POST pod over HTTP (no authentication)", null, null, null, creates, quick);
        using var admin = ca.IssueClient("admin", ["system:masters"]);
        using var user = ca.IssueClient("bench-user", ["bench-group"]);
        var secure = await MeasureAsync("POST pod over HTTPS (client certificate, RBAC RoleBinding)", security, admin, user, creates, quick);

        Console.WriteLine();
        Console.WriteLine("| subject | concurrency | operations | ops/s | p50 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(plain.Row());
        Console.WriteLine(secure.Row());
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HTTPS + authentication + RBAC: {secure.PerSecond:F0}/s = {secure.PerSecond / plain.PerSecond:P0} of plain HTTP ({plain.PerSecond:F0}/s) in the same run (goal >= 85 %)"));
    }

    private static async Task<Measurement> MeasureAsync(string subject, ApiServerSecurity? security, X509Certificate2? admin, X509Certificate2? user, int creates, bool quick)
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-bench-tls-").FullName;
        try
        {
            await using var store = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
            await using var server = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = 0, Security = security });
            using var setup = Client(server.Address, security, admin);
            await PostAsync(setup, "/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bench"}}""");
            await PostAsync(setup, "/api/v1/namespaces/bench/serviceaccounts", """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default"}}""");
            if (security is not null)
            {
                await PostAsync(setup, "/apis/rbac.authorization.k8s.io/v1/clusterroles", """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"pod-creator"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["create","get","list"]}]}""");
                await PostAsync(setup, "/apis/rbac.authorization.k8s.io/v1/namespaces/bench/rolebindings", """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"bench"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"pod-creator"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"bench-user"}]}""");
            }

            using var http = Client(server.Address, security, user);
            await UntilAllowedAsync(http); // the authorizer's indexes follow the watch cache
            await WarmUp.RunAsync(subject, Concurrency, quick ? 500 : 1_000, maxRounds: quick ? 10 : 30, async i => await PostAsync(http, "/api/v1/namespaces/bench/pods", BenchPod.Json($"w{i:D6}")));
            return await Measurement.RunAsync(subject, Concurrency, creates, i => PostAsync(http, "/api/v1/namespaces/bench/pods", BenchPod.Json($"p{i:D6}")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task UntilAllowedAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var content = new StringContent(BenchPod.Json("probe"), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/api/v1/namespaces/bench/pods", content);
            if ((int)response.StatusCode is 201 or 409)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the bench user is still refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(100);
        }
    }

    private static HttpClient Client(Uri address, ApiServerSecurity? security, X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue };
        if (security is not null)
        {
            var trusted = security.ClientCertificateAuthority;
            handler.SslOptions.ClientCertificates = [certificate!];
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is X509Certificate2 leaf && CertificateChains.IssuedBy(leaf, trusted, DateTimeOffset.UtcNow);
        }

        return new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
    }

    private static async Task PostAsync(HttpClient http, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(path, content);
        if ((int)response.StatusCode is not (201 or 409))
        {
            throw new InvalidOperationException($"POST {path} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
