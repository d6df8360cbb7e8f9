using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.Testing;

/// <summary>
/// An HTTPS server for tests and benchmarks that stand in for what the API server calls (webhooks, aggregated
/// API servers, backends): a serving certificate from its own CA (made here) for the given names, Kestrel on
/// one address and port (a free one by default), routes mapped by the caller.
/// </summary>
public sealed class HttpsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpsTestServer(WebApplication app, CertificateAuthority ca, int port)
    {
        _app = app;
        Ca = ca;
        Port = port;
    }

    public CertificateAuthority Ca { get; }

    public int Port { get; }

    /// <summary>The CA's certificate as PEM.</summary>
    public string CaPem => Pem.Certificate(Ca.Certificate);

    /// <summary>The CA's certificate as base64 PEM: a webhook configuration's or an APIService's caBundle.</summary>
    public string CaBundle => Pem.Base64(CaPem);

    /// <param name="caName">The common name of the server's own CA.</param>
    /// <param name="dnsNames">The serving certificate's DNS names; the first is its common name.</param>
    /// <param name="ipAddresses">The serving certificate's IP addresses.</param>
    /// <param name="map">Maps the routes.</param>
    /// <param name="tls">Adjusts the TLS options (client certificates) after the serving certificate is set.</param>
    /// <param name="address">The address to listen on (loopback by default).</param>
    /// <param name="port">The port (0: a free one).</param>
    public static async Task<HttpsTestServer> StartAsync(
        string caName,
        string[] dnsNames,
        IPAddress[] ipAddresses,
        Action<WebApplication> map,
        Action<HttpsConnectionAdapterOptions>? tls = null,
        IPAddress? address = null,
        int port = 0)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(map);
        var ca = CertificateAuthority.Create(caName);
        try
        {
            var options = new HttpsConnectionAdapterOptions { ServerCertificate = ca.IssueServing(dnsNames[0], dnsNames, ipAddresses) };
            tls?.Invoke(options);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(address ?? IPAddress.Loopback, port, l => l.UseHttps(options)));
            var app = builder.Build();
            map(app);
            await app.StartAsync();
            var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new HttpsTestServer(app, ca, new Uri(bound).Port);
        }
        catch
        {
            ca.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Ca.Dispose();
    }
}
