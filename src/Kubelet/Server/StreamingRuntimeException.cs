namespace Orchestrator.Kubelet.Server;

/// <summary>
/// A request the kubelet server cannot serve, with the HTTP status and the plain-text message the
/// client gets (e.g. 404 <c>container not found ("web")</c>). Thrown by <see cref="IStreamingRuntime"/>
/// implementations and by query parsing; anything else becomes a 500.
/// </summary>
public sealed class StreamingRuntimeException(HttpStatusCode statusCode, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The status the client gets.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    public static StreamingRuntimeException NotFound(string message) => new(HttpStatusCode.NotFound, message);

    public static StreamingRuntimeException BadRequest(string message) => new(HttpStatusCode.BadRequest, message);
}
