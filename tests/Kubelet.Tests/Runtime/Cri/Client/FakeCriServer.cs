using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Orchestrator.Kubelet.Runtime.Cri.Api;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri.Client;

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
            await GrpcWire.RespondAsync(ctx, new VersionResponse { Version = request.Version, RuntimeName = "fake", RuntimeVersion = "1.0", RuntimeApiVersion = "v1" });
        });
        app.MapPost("/runtime.v1.RuntimeService/ExecSync", async ctx =>
        {
            await server.ReadRequestAsync(ctx, "ExecSync");
            GrpcWire.Fail(ctx, StatusCode.NotFound, "container not found");
        });
        app.MapPost("/runtime.v1.RuntimeService/Status", async ctx =>
        {
            await server.ReadRequestAsync(ctx, "Status");
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await app.StartAsync();
        return server;
    }

    private Task<byte[]> ReadRequestAsync(HttpContext ctx, string rpc)
    {
        Timeouts[rpc] = ctx.Request.Headers["grpc-timeout"].ToString();
        return GrpcWire.ReadRequestAsync(ctx);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(SocketPath);
    }
}
