namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// pods/log: GETs the kubelet's containerLogs and streams the body to the client as it arrives
/// (upstream's LocationStreamer); a kubelet error becomes a Status as upstream's
/// GenericHttpResponseChecker makes it. The client leaving cancels the kubelet request.
/// </summary>
internal sealed class LogProxy(KubeletTls tls) : IDisposable
{
    /// <summary>How much of a kubelet error body is read (upstream's maxReadLength).</summary>
    private const int MaxErrorBody = 50000;

    private readonly HttpClient _client = new(tls.Handler())
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task StreamAsync(HttpContext context, KubeletEndpoint kubelet, string pathAndQuery, string podName)
    {
        var aborted = context.RequestAborted;
        using var request = new HttpRequestMessage(HttpMethod.Get, kubelet.Url(pathAndQuery));
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, aborted);
        await using var body = await response.Content.ReadAsStreamAsync(aborted);
        var code = (int)response.StatusCode;
        if (code is < 200 or > 206)
        {
            throw await KubeletErrorAsync(code, body, podName, aborted);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.StartAsync(aborted);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, aborted)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), aborted);
            await context.Response.Body.FlushAsync(aborted);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>upstream's GenericHttpResponseChecker: 400 and 500 keep the kubelet's text as the message; others name pods/log.</summary>
    private static async Task<ApiException> KubeletErrorAsync(int code, Stream body, string podName, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxErrorBody];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        var text = MessageOf(Encoding.UTF8.GetString(buffer, 0, length));
        return code switch
        {
            400 => ApiErrors.BadRequest(text),
            500 => new ApiException(500, "InternalError", $"Internal error occurred: {text}"),
            _ => new ApiException(code, ReasonOf(code), $"{GenericMessage(code)} ( pods/log {podName})")
            {
                DetailsName = podName,
                DetailsKind = "pods/log",
                Causes = [new StatusCause("UnexpectedServerResponse", text, null)],
            },
        };
    }

    /// <summary>A kubelet answering with a Status object (rather than upstream's plain text) is read for its message.</summary>
    private static string MessageOf(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject { } status && status["kind"]?.GetValue<string>() == "Status" && status["message"]?.GetValue<string>() is { } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Plain text, as upstream's kubelet writes errors.
        }

        return body;
    }

    private static string ReasonOf(int code) => code switch
    {
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        422 => "Invalid",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "InternalError",
    };

    private static string GenericMessage(int code) => code switch
    {
        401 => "the server has asked for the client to provide credentials",
        403 => "the server does not allow access to the requested resource",
        404 => "the server could not find the requested resource",
        405 => "the server does not allow this method on the requested resource",
        409 => "the server reported a conflict",
        422 => "the server rejected our request due to an error in our request",
        429 => "the server has received too many requests and has asked us to try again later",
        503 => "the server is currently unable to handle the request",
        504 => "the server was unable to return a response in the time allotted, but may still be processing the request",
        _ => $"an error on the server (\"{"unknown"}\") has prevented the request from succeeding",
    };
}
