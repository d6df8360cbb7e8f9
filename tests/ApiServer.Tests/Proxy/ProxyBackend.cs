using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orchestrator.ApiServer.Tests.Proxy;

/// <summary>
/// An HTTP server on loopback standing in for a pod behind a proxy subresource: <c>/echo/…</c> answers with what it
/// received (method, path, query, headers, body) as JSON, <c>/page</c> an HTML page with links, <c>/moved</c> a
/// redirect, <c>/ws</c> a WebSocket that echoes text messages.
/// </summary>
internal sealed class ProxyBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProxyBackend(WebApplication app) => _app = app;

    public int Port => new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    public static async Task<ProxyBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/echo/{**rest}", EchoAsync);
        app.MapGet("/page", () => Results.Content("<html><body><a href=\"/docs/\">docs</a> <img src=\"logo.png\"></body></html>", "text/html; charset=utf-8"));
        app.MapGet("/moved", () => Results.Redirect("/target/"));
        app.Map("/ws", WebSocketEchoAsync);
        await app.StartAsync();
        return new ProxyBackend(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task EchoAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var headers = new JsonObject();
        foreach (var header in context.Request.Headers)
        {
            headers[header.Key.ToLowerInvariant()] = header.Value.ToString();
        }

        var echo = new JsonObject
        {
            ["method"] = context.Request.Method,
            ["path"] = context.Request.Path.Value,
            ["query"] = context.Request.QueryString.Value,
            ["headers"] = headers,
            ["body"] = await reader.ReadToEndAsync(context.RequestAborted),
        };
        context.Response.Headers["Access-Control-Allow-Origin"] = "*";
        context.Response.Headers["X-Backend"] = "echo";
        await context.Response.WriteAsync(echo.ToJsonString(), context.RequestAborted);
    }

    private static async Task WebSocketEchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                return;
            }

            var text = "echo: " + Encoding.UTF8.GetString(buffer, 0, received.Count);
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, context.RequestAborted);
        }
    }
}
