using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Bench;

/// <summary>
/// The tracing benchmark's OTLP/HTTP discard sink, by default in a child process (this benchmark run with <c>--otlp-sink</c>):
/// a collector is another process, so what it spends receiving, parsing and counting (and the loopback socket's
/// receive side) must not be charged to the API server whose CPU time is measured. It answers every
/// <c>POST /v1/traces</c> with success and counts the spans in it (ExportTraceServiceRequest → ResourceSpans →
/// ScopeSpans → Span, by field number); <c>GET /count</c> says how many spans have come so far, so the benchmark
/// can show spans exported per create (a mode whose batch processor drops spans must not look cheaper for it).
/// </summary>
internal sealed class OtlpCountingSink : IAsyncDisposable
{
    public const string Flag = "--otlp-sink";

    private readonly Process? _process;
    private readonly WebApplication? _app;
    private readonly HttpClient _http;

    private OtlpCountingSink(Process? process, WebApplication? app, Uri endpoint)
    {
        _process = process;
        _app = app;
        Endpoint = endpoint;
        _http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = endpoint };
    }

    /// <summary>The base URL to give the exporter.</summary>
    public Uri Endpoint { get; }

    /// <summary>Starts the child and waits for the address it listens on.</summary>
    public static async Task<OtlpCountingSink> StartAsync()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add(Flag);
        var process = Process.Start(start) ?? throw new InvalidOperationException("the OTLP sink did not start");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
                ?? throw new InvalidOperationException("the OTLP sink exited before it listened");
            return new OtlpCountingSink(process, null, new Uri(line));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>The same sink inside this process (<c>--in-process-sink</c>: how session 29 measured, for comparison).</summary>
    public static async Task<OtlpCountingSink> StartInProcessAsync()
    {
        var app = await ListenAsync();
        return new OtlpCountingSink(null, app, Address(app));
    }

    /// <summary>Spans received so far (every export the exporter has had an answer to).</summary>
    public async Task<long> SpansAsync() => long.Parse(await _http.GetStringAsync("/count"), CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    /// <summary>The child's side: listens on a loopback port, prints its URL, serves until killed.</summary>
    public static async Task RunAsync()
    {
        await using var app = await ListenAsync();
        Console.WriteLine(Address(app));
        await Task.Delay(Timeout.Infinite);
    }

    private static Uri Address(WebApplication app) => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static async Task<WebApplication> ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        long spans = 0;
        app.MapPost("/v1/traces", async context =>
        {
            Interlocked.Add(ref spans, await CountAsync(context.Request));
            context.Response.ContentType = "application/x-protobuf";
        });
        app.MapGet("/count", () => Interlocked.Read(ref spans).ToString(CultureInfo.InvariantCulture));
        await app.StartAsync();
        return app;
    }

    private static async Task<int> CountAsync(HttpRequest request)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length))) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan().CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            var count = 0;
            foreach (var resourceSpans in Fields(buffer.AsMemory(0, length), 1))
            {
                foreach (var scopeSpans in Fields(resourceSpans, 2))
                {
                    foreach (var _ in Fields(scopeSpans, 2))
                    {
                        count++;
                    }
                }
            }

            return count;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of a protobuf message; others are skipped.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number)
    {
        var offset = 0;
        while (offset < message.Length)
        {
            var tag = Varint(message.Span, ref offset);
            var length = (tag & 7) switch
            {
                0 => VarintLength(message.Span, offset),
                1 => 8,
                2 => (int)Varint(message.Span, ref offset),
                5 => 4,
                _ => throw new InvalidDataException($"unsupported protobuf wire type {tag & 7}"),
            };
            if ((tag & 7) == 2 && (int)(tag >> 3) == number)
            {
                yield return message.Slice(offset, length);
            }

            offset += length;
        }
    }

    private static int VarintLength(ReadOnlySpan<byte> bytes, int offset)
    {
        var end = offset;
        Varint(bytes, ref end);
        return end - offset;
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
