using System.Net.Http;

namespace Orchestrator.Client.Connection;

/// <summary>
/// Makes a cancelled watch end its HTTP exchange. Once a watch's response head has arrived (kube-apiserver, and ours,
/// flush it when the watch starts) HttpClient no longer watches the caller's token; KubernetesClient then reads the
/// first event with that token but, when the read is cancelled, drops the response without disposing it, so the
/// request stays open on the server (its HTTP/2 stream is not reset). Here the body of every watch response ends
/// the exchange when a read of it is cancelled (<see cref="CancellationEndsStream"/>). Installed once, by
/// <see cref="KubernetesClients.Create"/>, for every watch of every component.
/// </summary>
internal sealed class WatchBodyHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (IsWatch(request.RequestUri))
        {
            response.Content = new Body(response.Content);
        }

        return response;
    }

    /// <summary>True for a list call with <c>watch=true</c> (or <c>1</c>), as KubernetesClient sends a watch.</summary>
    internal static bool IsWatch(Uri? uri)
    {
        var query = uri?.Query;
        if (string.IsNullOrEmpty(query))
        {
            return false;
        }

        foreach (var part in query.AsSpan(1).Split('&'))
        {
            var pair = query.AsSpan(1)[part];
            if (pair is "watch=true" or "watch=1")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The response's content with its stream wrapped; headers as they came.</summary>
    private sealed class Body : HttpContent
    {
        private readonly HttpContent _inner;

        public Body(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new CancellationEndsStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream, context);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            _inner.CopyToAsync(stream, context, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
