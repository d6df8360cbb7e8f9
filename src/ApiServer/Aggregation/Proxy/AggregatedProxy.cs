using Orchestrator.ApiMachinery.Http;
using Orchestrator.Streaming;

namespace Orchestrator.ApiServer.Aggregation.Proxy;

/// <summary>
/// kube-aggregator's proxy handler: a request for an aggregated group/version, already authenticated and authorized
/// here, is forwarded to one endpoint of the APIService's Service (<see cref="ServiceResolver"/>) over TLS
/// (<see cref="BackendTlsOptions"/>) as an HTTP/1.1 request of its own (<see cref="ForwardedRequest"/>): the path and
/// query as sent, the body streamed, the answer streamed back as it comes (watches included); an upgrade request
/// (exec-like subresources) is relayed byte for byte after the backend's 101. Answers as upstream does when it cannot:
/// an APIService not Available, or a Service with nothing to dial, is 503 "service unavailable"; a backend that cannot
/// be reached is 503 with the error; a caBundle that cannot be used is 500 with its error (plain text, as Go's
/// http.Error writes them).
/// </summary>
internal sealed partial class AggregatedProxy(ServiceResolver resolver, FrontProxyIdentity identity, ILogger<AggregatedProxy> logger)
{
    public async Task ProxyAsync(HttpContext context, ApiServiceEntry apiService)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(apiService);
        if (!apiService.Available || apiService.Service is not { } service)
        {
            await WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable, "service unavailable");
            return;
        }

        SslClientAuthenticationOptions tls;
        try
        {
            tls = BackendTlsOptions.For(apiService, identity.ClientCertificate);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            await WriteTextAsync(context, StatusCodes.Status500InternalServerError, e.Message);
            return;
        }

        Uri backend;
        try
        {
            backend = await resolver.ResolveAsync(service with { Port = service.Port ?? 443, Path = "" }, context.RequestAborted);
        }
        catch (ApiException e) when (e.Code == StatusCodes.Status503ServiceUnavailable)
        {
            Log.Unresolved(logger, apiService.Name, e.Message);
            await WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable, "service unavailable");
            return;
        }

        using var span = Tracing.BackendCallTracing.StartAggregatedProxy(apiService.Name, backend, context.Request.Method);
        try
        {
            if (context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
            {
                await UpgradeAsync(context, upgrade, backend, tls);
            }
            else
            {
                await ExchangeAsync(context, backend, tls);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException && !context.RequestAborted.IsCancellationRequested)
        {
            Tracing.BackendCallTracing.Failed(span, e);
            Log.Unreachable(logger, apiService.Name, backend.Authority, e);
            if (context.Response.HasStarted)
            {
                // The answer is under way (a watch whose backend went away): end it the way upstream's proxy does, by closing.
                context.Abort();
                return;
            }

            await WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorText.Of(e));
        }
    }

    /// <summary>One request on a connection of its own: head, body, then the answer streamed to the client.</summary>
    private static async Task ExchangeAsync(HttpContext context, Uri backend, SslClientAuthenticationOptions tls)
    {
        var aborted = context.RequestAborted;
        var request = context.Request;
        var length = request.ContentLength;
        var chunked = length is null && request.Headers.TransferEncoding.Count > 0;
        var headers = Tracing.BackendCallTracing.Propagate(ForwardedRequest.Headers(request.Headers, RequestUser.Get(context), upgrade: false, length, chunked), System.Diagnostics.Activity.Current);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(backend.IdnHost, backend.Port, aborted);
        await using var connection = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        await connection.AuthenticateAsClientAsync(tls, aborted);
        await connection.WriteAsync(ForwardedRequest.Head(request.Method, Target(context), backend.Authority, headers), aborted);
        if (length > 0)
        {
            await request.Body.CopyToAsync(connection, aborted);
        }
        else if (chunked)
        {
            await WriteChunkedAsync(request.Body, connection, aborted);
        }

        await connection.FlushAsync(aborted);
        var (head, remainder) = await HttpResponseHead.ReadAsync(connection, aborted);
        context.Response.StatusCode = head.StatusCode;
        UpgradeHeaders.ToClient(head, context.Response);
        if (head.Header("Content-Length") is { } contentLength && long.TryParse(contentLength, NumberStyles.None, CultureInfo.InvariantCulture, out var declared))
        {
            context.Response.ContentLength = declared;
        }

        if (!HttpMethods.IsHead(request.Method))
        {
            await context.Response.StartAsync(aborted);
            await HttpBody.CopyAsync(head, new PrefixedStream(remainder, connection, leaveOpen: true), new FlushingStream(context.Response.Body), aborted);
        }
    }

    /// <summary>An upgrade: the backend's 101 and its headers go back to the client, then both directions are copied; any other answer is passed through.</summary>
    private async Task UpgradeAsync(HttpContext context, IHttpUpgradeFeature upgrade, Uri backend, SslClientAuthenticationOptions tls)
    {
        var headers = Tracing.BackendCallTracing.Propagate(ForwardedRequest.Headers(context.Request.Headers, RequestUser.Get(context), upgrade: true, contentLength: null, chunked: false), System.Diagnostics.Activity.Current);
        await using var upstream = await UpgradeConnection.OpenAsync(backend.IdnHost, backend.Port, backend.Authority, context.Request.Method, Target(context), headers, tls, context.RequestAborted);
        if (!upstream.Upgraded)
        {
            await UpgradeProxy.PassThroughAsync(context, upstream);
            return;
        }

        UpgradeHeaders.ToClient(upstream.Head, context.Response);
        await using var client = await upgrade.UpgradeAsync();
        await upstream.RelayAsync(client, logger, context.RequestAborted);
    }

    /// <summary>The path and query as the client sent them (not re-encoded).</summary>
    private static string Target(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } target && target[0] == '/'
            ? target
            : context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();

    private static async Task WriteChunkedAsync(Stream body, Stream connection, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await connection.WriteAsync(System.Text.Encoding.ASCII.GetBytes(read.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
            await connection.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            await connection.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
        }

        await connection.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
    }

    private static async Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        await context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "APIService {Name}: no endpoint to proxy to: {Reason}")]
        public static partial void Unresolved(ILogger logger, string name, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "APIService {Name}: backend {Backend} cannot be reached")]
        public static partial void Unreachable(ILogger logger, string name, string backend, Exception exception);
    }
}
