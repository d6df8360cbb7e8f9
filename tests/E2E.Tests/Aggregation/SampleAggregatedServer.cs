using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Orchestrator.ApiMachinery.Certificates;

using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Aggregation;

/// <summary>
/// A small aggregated API server, as the sample-apiserver is to upstream: HTTPS with a serving certificate of its own CA
/// for <c>&lt;service&gt;.&lt;namespace&gt;.svc</c>; every connection must present a client certificate of the front-proxy CA
/// named in <c>requestheader-allowed-names</c> (what extension-apiserver-authentication publishes), so only the API server
/// gets in. It serves group wardle.example.com/v1alpha1 with one namespaced kind, Flunder (get and list), and every
/// Flunder it answers echoes the request's front-proxy and credential headers in its spec. A watch of flunders sends one
/// ADDED event at once and a second only after <see cref="ReleaseWatch"/>, so a test sees whether events stream through.
/// </summary>
internal sealed class SampleAggregatedServer : IAsyncDisposable
{
    public const string Group = "wardle.example.com";
    public const string Version = "v1alpha1";

    private readonly HttpsTestServer _https;
    private readonly TaskCompletionSource _release;
    private int _rejected;

    private SampleAggregatedServer(HttpsTestServer https, TaskCompletionSource release)
    {
        _https = https;
        _release = release;
    }

    public int Port => _https.Port;

    /// <summary>The CA of the serving certificate, as an APIService's base64 caBundle.</summary>
    public string CaBundle => _https.CaBundle;

    /// <summary>TLS handshakes refused for a missing or wrong client certificate.</summary>
    public int RejectedClients => Volatile.Read(ref _rejected);

    /// <summary>Lets open watches send their second event and end.</summary>
    public void ReleaseWatch() => _release.TrySetResult();

    /// <param name="address">A host address the API server can reach (EndpointSlice validation refuses loopback).</param>
    /// <param name="frontProxyCa">The PEM of requestheader-client-ca-file.</param>
    /// <param name="allowedNames">The CNs of requestheader-allowed-names.</param>
    public static async Task<SampleAggregatedServer> StartAsync(IPAddress address, string serverName, string frontProxyCa, IReadOnlyList<string> allowedNames, int port = 0)
    {
        var trusted = Pem.Certificates(frontProxyCa);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        SampleAggregatedServer? server = null;
        var https = await HttpsTestServer.StartAsync(
            "sample-apiserver-ca",
            [serverName],
            [],
            app => Map(app, release.Task),
            tls =>
            {
                tls.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                tls.ClientCertificateValidation = (certificate, _, _) =>
                {
                    var ok = IsFrontProxy(certificate, trusted, allowedNames);
                    if (!ok && server is not null)
                    {
                        Interlocked.Increment(ref server._rejected);
                    }

                    return ok;
                };
            },
            address,
            port);
        server = new SampleAggregatedServer(https, release);
        return server;
    }

    public ValueTask DisposeAsync() => _https.DisposeAsync();

    private static bool IsFrontProxy(X509Certificate2 certificate, X509Certificate2Collection trusted, IReadOnlyList<string> allowedNames)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        return chain.Build(certificate) && allowedNames.Contains(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
    }

    private static void Map(WebApplication app, Task released)
    {
        var prefix = $"/apis/{Group}/{Version}";
        app.MapGet(prefix, () => Json(new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = $"{Group}/{Version}",
            ["resources"] = new JsonArray(new JsonObject
            {
                ["name"] = "flunders",
                ["singularName"] = "flunder",
                ["namespaced"] = true,
                ["kind"] = "Flunder",
                ["verbs"] = new JsonArray("get", "list"),
                ["shortNames"] = new JsonArray("fl"),
            }),
        }));
        app.MapGet(prefix + "/namespaces/{ns}/flunders", async (HttpContext c, string ns) =>
        {
            if (c.Request.Query["watch"] != "true")
            {
                await Json(new JsonObject
                {
                    ["kind"] = "FlunderList",
                    ["apiVersion"] = $"{Group}/{Version}",
                    ["metadata"] = new JsonObject { ["resourceVersion"] = "1" },
                    ["items"] = new JsonArray(Flunder(c, ns, "one"), Flunder(c, ns, "two")),
                }).ExecuteAsync(c);
                return;
            }

            c.Response.ContentType = "application/json";
            foreach (var name in new[] { "one", "two" })
            {
                await c.Response.WriteAsync(new JsonObject { ["type"] = "ADDED", ["object"] = Flunder(c, ns, name) }.ToJsonString() + "\n", c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
                await released.WaitAsync(TimeSpan.FromSeconds(20), c.RequestAborted);
            }
        });
        app.MapGet(prefix + "/namespaces/{ns}/flunders/{name}", (HttpContext c, string ns, string name) => Json(Flunder(c, ns, name)));
    }

    private static JsonObject Flunder(HttpContext context, string ns, string name)
    {
        var headers = context.Request.Headers;
        return new JsonObject
        {
            ["kind"] = "Flunder",
            ["apiVersion"] = $"{Group}/{Version}",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["creationTimestamp"] = "2026-01-01T00:00:00Z" },
            ["spec"] = new JsonObject
            {
                ["user"] = headers["X-Remote-User"].ToString(),
                ["groups"] = new JsonArray([.. headers["X-Remote-Group"].Select(g => (JsonNode)g!)]),
                ["authorization"] = headers.Authorization.ToString(),
                ["impersonate"] = string.Join(",", headers.Keys.Where(k => k.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase))),
                ["client"] = context.Connection.ClientCertificate?.GetNameInfo(X509NameType.SimpleName, forIssuer: false) ?? "",
            },
        };
    }

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");
}
