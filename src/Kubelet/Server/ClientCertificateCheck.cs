using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.Kubelet.Server;

/// <summary>
/// Serves only requests whose TLS client certificate chains to the client CA (upstream's kubelet with
/// --client-ca-file and --anonymous-auth=false); any other gets upstream's plain-text 401 "Unauthorized".
/// </summary>
internal sealed class ClientCertificateCheck(RequestDelegate next, X509Certificate2 authority, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Connection.ClientCertificate is { } certificate && CertificateChains.IssuedBy(certificate, authority, time.GetUtcNow()))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("Unauthorized", context.RequestAborted);
    }
}
