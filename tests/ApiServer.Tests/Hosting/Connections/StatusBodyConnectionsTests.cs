using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiServer.Hosting.Connections;

namespace Orchestrator.ApiServer.Tests.Hosting.Connections;

/// <summary>
/// The connection wrapper and the ownership middleware meet: the app sees the connection's
/// <see cref="ResponseOwnership"/>, owns the output while it answers, and a large response the app
/// writes without flushing streams through untouched.
/// </summary>
public sealed class StatusBodyConnectionsTests
{
    [Fact]
    public async Task The_app_owns_the_output_while_it_answers_and_large_bodies_pass_untouched()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseStatusBodiesForKestrelErrors()));
        await using var app = builder.Build();
        app.UseMiddleware<ResponseOwnershipMiddleware>();
        app.MapGet("/owned", (HttpContext c) => c.Features.Get<ResponseOwnership>()?.AppOwnsOutput == true ? "yes" : "no");
        app.MapGet("/large", async (HttpContext c) =>
        {
            c.Response.StatusCode = 400;
            await c.Response.Body.WriteAsync(new byte[4 << 20].Select(_ => (byte)'a').ToArray());
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient { BaseAddress = address };

        var owned = await http.GetStringAsync(new Uri("/owned", UriKind.Relative));
        var large = await http.GetAsync(new Uri("/large", UriKind.Relative));
        var again = await http.GetStringAsync(new Uri("/owned", UriKind.Relative));

        Assert.Equal("yes", owned);
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Equal(4 << 20, (await large.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("yes", again);
        await app.StopAsync();
    }
}
