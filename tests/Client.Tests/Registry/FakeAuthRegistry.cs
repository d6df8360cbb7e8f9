using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Orchestrator.Client.Tests.Registry;

/// <summary>
/// A registry stand-in on 127.0.0.1 (plain HTTP, Kestrel) for the auth flows docker-registry is not set up for here:
/// <c>/v2/app/manifests/v1</c> demands basic auth or a bearer token from its own <c>/token</c> realm, which checks
/// the basic credential and hands out numbered tokens. Counts what it was asked.
/// </summary>
internal sealed class FakeAuthRegistry : IAsyncDisposable
{
    public const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly WebApplication _app;
    private int _tokens;
    private int _challenges;

    private FakeAuthRegistry(WebApplication app, string mode)
    {
        _app = app;
        Mode = mode;
    }

    /// <summary><c>basic</c>, <c>bearer</c>, <c>access_token</c> (bearer, token in that field) or <c>slow</c> (never answers in time).</summary>
    public string Mode { get; }

    public int Port { get; private set; }

    public string Image => $"127.0.0.1:{Port}/app:v1";

    public int TokensIssued => _tokens;

    public int Challenges => _challenges;

    public string? LastTokenQuery { get; private set; }

    public int ExpiresIn { get; init; } = 300;

    public static async Task<FakeAuthRegistry> StartAsync(string mode, string user = "alice", string password = "s3cret", int expiresIn = 300)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeAuthRegistry(app, mode) { ExpiresIn = expiresIn };
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        app.MapGet("/token", (HttpContext context) =>
        {
            if (context.Request.Headers.Authorization != basic)
            {
                return Results.Json(new { errors = new[] { new { code = "UNAUTHORIZED", message = "bad credential" } } }, statusCode: 401);
            }

            fake.LastTokenQuery = context.Request.QueryString.Value;
            var token = $"t-{Interlocked.Increment(ref fake._tokens)}";
            return fake.Mode == "access_token" ? Results.Json(new { access_token = token, expires_in = fake.ExpiresIn }) : Results.Json(new { token, expires_in = fake.ExpiresIn });
        });
        app.MapMethods("/v2/app/manifests/v1", ["GET", "HEAD"], async (HttpContext context) =>
        {
            if (fake.Mode == "slow")
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }

            var authorization = context.Request.Headers.Authorization.ToString();
            var allowed = fake.Mode == "basic" ? authorization == basic : authorization.StartsWith("Bearer t-", StringComparison.Ordinal);
            if (!allowed)
            {
                Interlocked.Increment(ref fake._challenges);
                context.Response.Headers.WWWAuthenticate = fake.Mode == "basic"
                    ? "Basic realm=\"fake\""
                    : $"Bearer realm=\"http://127.0.0.1:{fake.Port}/token\",service=\"fake-registry\",scope=\"repository:app:pull\"";
                context.Response.StatusCode = 401;
                return;
            }

            context.Response.Headers["Docker-Content-Digest"] = Digest;
            context.Response.Headers.ETag = $"\"{Digest}\"";
            context.Response.ContentType = "application/vnd.oci.image.manifest.v1+json";
        });
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake.Port = new Uri(bound).Port;
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
