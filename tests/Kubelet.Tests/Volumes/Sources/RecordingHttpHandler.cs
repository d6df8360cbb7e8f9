using System.Collections.Concurrent;
using System.Net;

namespace Orchestrator.Kubelet.Tests.Volumes.Sources;

/// <summary>
/// A client-side handler that records every request a client sends ("GET /api/v1/...?query") and
/// which watch responses are still being read (a watch ends when its body stream is disposed).
/// </summary>
internal sealed class RecordingHttpHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentDictionary<int, string> _openWatches = new();
    private int _next;

    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>The request lines of the watches whose bodies are still open.</summary>
    public IReadOnlyList<string> OpenWatches => [.. _openWatches.Values.Order(StringComparer.Ordinal)];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var line = $"{request.Method} {WebUtility.UrlDecode(request.RequestUri!.PathAndQuery)}";
        _requests.Enqueue(line);
        if (!request.RequestUri.Query.Contains("watch=true", StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        // A watch is open from its request (the server may send the head only with the first event) until its body is disposed.
        var id = Interlocked.Increment(ref _next);
        _openWatches[id] = line;
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            _openWatches.TryRemove(id, out _);
            throw;
        }

        if (!response.IsSuccessStatusCode)
        {
            _openWatches.TryRemove(id, out _);
            return response;
        }

        response.Content = new ClosingContent(response.Content, () => _openWatches.TryRemove(id, out _));
        return response;
    }

    /// <summary>Content whose read stream reports its disposal.</summary>
    private sealed class ClosingContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly Action _closed;

        public ClosingContent(HttpContent inner, Action closed)
        {
            (_inner, _closed) = (inner, closed);
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync() => new ClosingStream(await _inner.ReadAsStreamAsync(), _closed);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _closed();
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class ClosingStream(Stream inner, Action closed) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                closed();
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
