using System.Buffers.Binary;
using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Orchestrator.Kubelet.Cri.Api;

namespace Orchestrator.Kubelet.Tests.Cri;

/// <summary>
/// A minimal CRI server for transport tests: Kestrel on a unix socket speaking gRPC framing by hand.
/// Version answers, ExecSync fails with NotFound, Status never answers; the grpc-timeout header each
/// call carried is recorded.
/// </summary>
internal sealed class FakeCriServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeCriServer(WebApplication app, string socketPath)
    {
        _app = app;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    /// <summary>The grpc-timeout header of each call, by RPC name ("" when none was sent).</summary>
    public ConcurrentDictionary<string, string> Timeouts { get; } = new();

    public static async Task<FakeCriServer> StartAsync(string socketPath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socketPath, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var server = new FakeCriServer(app, socketPath);
        app.MapPost("/runtime.v1.RuntimeService/Version", async ctx =>
        {
            var request = VersionRequest.Parser.ParseFrom(await server.ReadRequestAsync(ctx, "Version"));
            await RespondAsync(ctx, new VersionResponse { Version = request.Version, RuntimeName = "fake", RuntimeVersion = "1.0", RuntimeApiVersion = "v1" });
        });
        app.MapPost("/runtime.v1.RuntimeService/ExecSync", async ctx =>
        {
            await server.ReadRequestAsync(ctx, "ExecSync");
            ctx.Response.ContentType = "application/grpc";
            ctx.Response.AppendTrailer("grpc-status", ((int)StatusCode.NotFound).ToString(System.Globalization.CultureInfo.InvariantCulture));
            ctx.Response.AppendTrailer("grpc-message", "container not found");
        });
        app.MapPost("/runtime.v1.RuntimeService/Status", async ctx =>
        {
            await server.ReadRequestAsync(ctx, "Status");
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await app.StartAsync();
        return server;
    }

    private async Task<byte[]> ReadRequestAsync(HttpContext ctx, string rpc)
    {
        Timeouts[rpc] = ctx.Request.Headers["grpc-timeout"].ToString();
        using var body = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(body, ctx.RequestAborted);
        return body.ToArray()[5..]; // one uncompressed message: flag byte + 4-byte length, then the message
    }

    private static async Task RespondAsync(HttpContext ctx, IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        ctx.Response.ContentType = "application/grpc";
        await ctx.Response.Body.WriteAsync(frame);
        ctx.Response.AppendTrailer("grpc-status", "0");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(SocketPath);
    }
}
