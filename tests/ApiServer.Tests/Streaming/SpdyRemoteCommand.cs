using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.ApiServer.Streaming;
using Orchestrator.ApiServer.Streaming.Spdy;

namespace Orchestrator.ApiServer.Tests.Streaming;

/// <summary>
/// A remote command client on <see cref="SpdyClientConnection"/>, as client-go's v4 executor drives
/// one: upgrade, open error/stdin/stdout/stderr, send stdin then half-close it, collect the output.
/// </summary>
internal static class SpdyRemoteCommand
{
    public static async Task<(string Stdout, string Stderr, string Error)> RunAsync(Uri url, string? stdin)
    {
        KeyValuePair<string, string>[] headers =
        [
            new("Connection", "Upgrade"),
            new("Upgrade", "SPDY/3.1"),
            new("X-Stream-Protocol-Version", "v4.channel.k8s.io"),
            new("Content-Length", "0"),
        ];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await using var upstream = await new KubeletEndpoint(url.Host, url.Port).OpenUpgradeAsync("POST", url.PathAndQuery, headers, timeout.Token);
        Assert.Equal(101, upstream.Head.StatusCode);
        Assert.Equal("v4.channel.k8s.io", upstream.Head.Header("X-Stream-Protocol-Version"));
        await using var spdy = new SpdyClientConnection(upstream.Connection, NullLogger.Instance);

        var error = await spdy.OpenStreamAsync([new("streamType", "error")], timeout.Token);
        var input = stdin is null ? null : await spdy.OpenStreamAsync([new("streamType", "stdin")], timeout.Token);
        var stdout = await spdy.OpenStreamAsync([new("streamType", "stdout")], timeout.Token);
        var stderr = await spdy.OpenStreamAsync([new("streamType", "stderr")], timeout.Token);
        if (input is not null)
        {
            await input.WriteAsync(Encoding.UTF8.GetBytes(stdin!), timeout.Token);
            await input.CloseWriteAsync(timeout.Token);
        }

        var texts = await Task.WhenAll(ReadAsync(stdout.Input, timeout.Token), ReadAsync(stderr.Input, timeout.Token), ReadAsync(error.Input, timeout.Token));
        return (texts[0], texts[1], texts[2]);
    }

    private static async Task<string> ReadAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await input.ReadAsync(cancellationToken);
            if (read.IsCompleted)
            {
                return Encoding.UTF8.GetString(read.Buffer.ToArray());
            }

            input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
