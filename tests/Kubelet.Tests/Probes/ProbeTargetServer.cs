using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Orchestrator.Kubelet.Probes.Network.Health;
using Orchestrator.Kubelet.Tests.Runtime.Cri.Client;

namespace Orchestrator.Kubelet.Tests.Probes;

/// <summary>
/// What probes hit in tests: Kestrel on 127.0.0.1 with an HTTP/1.1 port, an HTTPS port (self-signed) and
/// a plaintext HTTP/2 port serving grpc.health.v1 (service "down" is NOT_SERVING, "unimplemented" answers
/// Unimplemented, any other SERVING).
/// </summary>
internal sealed class ProbeTargetServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProbeTargetServer(WebApplication app, int http, int https, int grpc)
    {
        _app = app;
        HttpPort = http;
        HttpsPort = https;
        GrpcPort = grpc;
    }

    public int HttpPort { get; }

    public int HttpsPort { get; }

    public int GrpcPort { get; }

    public static async Task<ProbeTargetServer> StartAsync()
    {
        var (http, https, grpc) = (FreePort(), FreePort(), FreePort());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = SelfSigned();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, http, l => l.Protocols = HttpProtocols.Http1);
            k.Listen(IPAddress.Loopback, https, l => l.UseHttps(certificate));
            k.Listen(IPAddress.Loopback, grpc, l => l.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        app.MapGet("/ok", () => "fine");
        app.MapGet("/fail", () => Results.StatusCode(500));
        app.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return "late";
        });
        app.MapGet("/redirect-local", () => Results.Redirect("/ok"));
        app.MapGet("/redirect-away", () => Results.Redirect($"http://localhost:{http}/ok"));
        app.MapGet("/loop", () => Results.Redirect("/loop"));
        app.MapGet("/headers", (HttpRequest r) =>
            $"host={r.Host} ua={r.Headers.UserAgent} accept={r.Headers.Accept} custom={r.Headers["X-Custom"]} conn={r.Headers.Connection}");
        app.MapPost("/grpc.health.v1.Health/Check", CheckAsync);
        await app.StartAsync();
        return new ProbeTargetServer(app, http, https, grpc);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task CheckAsync(HttpContext ctx)
    {
        var request = HealthCheckRequest.Parser.ParseFrom(await GrpcWire.ReadRequestAsync(ctx));
        if (request.Service == "unimplemented")
        {
            GrpcWire.Fail(ctx, Grpc.Core.StatusCode.Unimplemented, "unknown service grpc.health.v1.Health");
            return;
        }

        var status = request.Service == "down" ? HealthCheckResponse.Types.ServingStatus.NotServing : HealthCheckResponse.Types.ServingStatus.Serving;
        await GrpcWire.RespondAsync(ctx, new HealthCheckResponse { Status = status });
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=probe-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    internal static int FreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
