namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// Posts one AdmissionReview to one webhook and returns the parsed answer. Called synchronously from the
/// admission chain (which runs inside the synchronous write path); thread-safe. The seam the dispatch tests replace.
/// </summary>
internal interface IWebhookCaller
{
    /// <summary>The webhook's answer within its <see cref="WebhookDefinition.TimeoutSeconds"/>.</summary>
    /// <exception cref="WebhookCallException">The call failed (connection, TLS, timeout, an HTTP error, a body that is not JSON), in upstream's words.</exception>
    JsonNode? Call(WebhookDefinition hook, JsonObject review, CancellationToken cancellationToken);
}
