using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// Where a webhook is called (its <c>clientConfig</c>): a URL, or a service reference dialled through the
/// service's endpoints; and the PEM bundle its serving certificate must chain to (null: the machine's roots).
/// </summary>
internal sealed record WebhookTarget(Uri? Url, ServiceReference? Service, string? CaBundle, string? Problem = null)
{
    /// <summary>The URL posted to, before upstream's <c>?timeout=</c> parameter.</summary>
    public Uri Address => Url ?? Service!.Url;

    /// <summary>The stored <c>clientConfig</c>; what cannot be used is kept in <see cref="Problem"/> and fails each call.</summary>
    public static WebhookTarget Parse(JsonObject? clientConfig)
    {
        string? bundle = null;
        string? problem = null;
        if (clientConfig.StringOrNull("caBundle") is { Length: > 0 } encoded)
        {
            try
            {
                bundle = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException e)
            {
                problem = "could not get REST client: caBundle is not base64: " + e.Message;
            }
        }

        if (clientConfig?["service"] is JsonObject service)
        {
            var reference = new ServiceReference(service.String("namespace"), service.String("name"), (int)(service.LongOrNull("port") ?? 443), Path: service.String("path"));
            return new WebhookTarget(null, reference, bundle, problem);
        }

        return Uri.TryCreate(clientConfig.String("url"), UriKind.Absolute, out var url)
            ? new WebhookTarget(url, null, bundle, problem)
            : new WebhookTarget(null, null, bundle, "could not get REST client: neither url nor service is set");
    }
}
