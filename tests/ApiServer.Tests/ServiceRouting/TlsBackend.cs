using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.ApiServer.Tests.ServiceRouting;

/// <summary>
/// An HTTPS server on 127.0.0.1 and a free port with a serving certificate from its own CA (made here),
/// for tests of the clients the API server calls backends with. <c>GET /who</c> answers the client
/// certificate's subject ("anonymous" without one); tests map more.
/// </summary>
internal sealed class TlsBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsBackend(WebApplication app, CertificateAuthority ca, int port)
    {
        _app = app;
        Ca = ca;
        Port = port;
    }

    public CertificateAuthority Ca { get; }

    /// <summary>The CA's certificate as PEM: what a caBundle holds.</summary>
    public string CaBundle => Pem.Certificate(Ca.Certificate);

    public int Port { get; }

    /// <param name="dnsNames">The names the serving certificate holds (it always holds 127.0.0.1).</param>
    public static async Task<TlsBackend> StartAsync(string[] dnsNames, Action<WebApplication>? map = null)
    {
        var ca = CertificateAuthority.Create("backend-test-ca");
        var serving = ca.IssueServing(dnsNames[0], dnsNames, [IPAddress.Loopback]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = serving,
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            ClientCertificateValidation = (_, _, _) => true,
        })));
        var app = builder.Build();
        app.MapGet("/who", (HttpContext context) => context.Connection.ClientCertificate?.Subject ?? "anonymous");
        map?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new TlsBackend(app, ca, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Ca.Dispose();
    }
}
