using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestrator.Testing;

namespace Orchestrator.ApiServer.Tests.ServiceRouting;

/// <summary>
/// The backend for tests of the clients the API server calls backends with: an <see cref="HttpsTestServer"/> on
/// 127.0.0.1 that accepts any client certificate; <c>GET /who</c> answers the client certificate's subject
/// ("anonymous" without one); tests map more.
/// </summary>
internal static class TlsBackend
{
    /// <param name="dnsNames">The names the serving certificate holds (it always holds 127.0.0.1).</param>
    public static Task<HttpsTestServer> StartAsync(string[] dnsNames, Action<WebApplication>? map = null) =>
        HttpsTestServer.StartAsync(
            "backend-test-ca",
            dnsNames,
            [IPAddress.Loopback],
            app =>
            {
                app.MapGet("/who", (HttpContext context) => context.Connection.ClientCertificate?.Subject ?? "anonymous");
                map?.Invoke(app);
            },
            tls =>
            {
                tls.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                tls.ClientCertificateValidation = (_, _, _) => true;
            });
}
