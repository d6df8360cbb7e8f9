using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Testing;

/// <summary>
/// A tiny OTLP trace receiver on loopback: OTLP/HTTP (<c>POST /v1/traces</c>, <c>application/x-protobuf</c>,
/// HTTP/1.1) or OTLP/gRPC (TraceService/Export over cleartext HTTP/2), answering success and keeping every span
/// it decodes (<see cref="OtlpTraceDecoder"/>). With <c>keep: false</c> it only counts requests and reads OTLP/HTTP bodies
/// into one pooled buffer (a discard sink for benchmarks). Dispose to stop.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private const string GrpcPath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly bool _keep;
    private int _requests;

    private OtlpReceiver(WebApplication app, bool keep)
    {
        _app = app;
        _keep = keep;
    }

    /// <summary>The base URL to give an exporter (<c>--otlp-endpoint</c>).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyCollection<OtlpSpan> Spans => _spans;

    /// <summary>Export requests received.</summary>
    public int Requests => _requests;

    public static async Task<OtlpReceiver> StartAsync(bool grpc = false, bool keep = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = grpc ? HttpProtocols.Http2 : HttpProtocols.Http1));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, keep);
        app.MapPost("/v1/traces", receiver.HttpAsync);
        app.MapPost(GrpcPath, receiver.GrpcAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>Waits until the spans received satisfy <paramref name="condition"/>; fails with what arrived when they do not in time.</summary>
    public async Task<IReadOnlyList<OtlpSpan>> WaitForAsync(Func<IReadOnlyList<OtlpSpan>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var spans = _spans.ToArray();
            if (condition(spans))
            {
                return spans;
            }

            if (DateTime.UtcNow > deadline)
            {
                var names = string.Join(", ", spans.GroupBy(s => s.Name).Select(g => $"{g.Key} ×{g.Count()}"));
                throw new TimeoutException($"no {what} within {timeout.TotalSeconds:F0} s; {spans.Length} spans received: {names}");
            }

            await Task.Delay(100);
        }
    }

    private async Task HttpAsync(HttpContext context)
    {
        if (context.Request.ContentType != "application/x-protobuf")
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        if (_keep)
        {
            Received(await Body(context.Request));
        }
        else
        {
            await DiscardAsync(context.Request);
            Interlocked.Increment(ref _requests);
        }

        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = 200; // an empty ExportTraceServiceResponse: full success
    }

    private async Task GrpcAsync(HttpContext context)
    {
        // Length-prefixed messages: a compressed flag byte, a 4-byte big-endian length, the message.
        var body = await Body(context.Request);
        var offset = 0;
        while (offset + 5 <= body.Length)
        {
            if (body[offset] != 0)
            {
                throw new InvalidOperationException("compressed gRPC messages are not supported by the test receiver");
            }

            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1, 4));
            Received(body.AsSpan(offset + 5, length).ToArray());
            offset += 5 + length;
        }

        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(new byte[5]); // one empty ExportTraceServiceResponse
        context.Response.AppendTrailer("grpc-status", "0");
    }

    private void Received(byte[] request)
    {
        Interlocked.Increment(ref _requests);
        if (_keep)
        {
            foreach (var span in OtlpTraceDecoder.Decode(request))
            {
                _spans.Enqueue(span);
            }
        }
    }

    /// <summary>
    /// Reads a body through one pooled buffer: a benchmark's discard sink shares the process with the server it
    /// measures, so it should add no garbage of its own (a batch of 512 spans is over 100 KB, a large object when
    /// copied into a new array).
    /// </summary>
    private static async Task DiscardAsync(HttpRequest request)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await request.Body.ReadAsync(buffer) > 0)
            {
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<byte[]> Body(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
