using Orchestrator.ApiMachinery.Resources;
using Orchestrator.ApiMachinery.Text;

namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// Reads metrics.k8s.io/v1beta1 PodMetrics through the API server (upstream's resourceMetricsClient): a pod's value is
/// the sum over its containers, or the one named container; a pod missing the resource in any counted container has
/// no sample.
/// </summary>
internal sealed class RestMetricsClient(IKubernetes client) : IMetricsClient
{
    public async Task<PodResourceMetrics> GetResourceMetricAsync(string resource, string ns, string selector, string? container, CancellationToken ct)
    {
        JsonElement list;
        try
        {
            var body = await client.CustomObjects.ListNamespacedCustomObjectAsync("metrics.k8s.io", "v1beta1", ns, "pods", labelSelector: selector, cancellationToken: ct);
            list = body is JsonElement element ? element : JsonSerializer.SerializeToElement(body);
        }
        catch (HttpOperationException e)
        {
            throw new MetricsUnavailableException("unable to fetch metrics from resource metrics API: " + ApiErrorMessage.Of(e), e);
        }
        catch (HttpRequestException e)
        {
            throw new MetricsUnavailableException("unable to fetch metrics from resource metrics API: " + e.Message, e);
        }

        if (!list.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            throw new MetricsUnavailableException("no metrics returned from resource metrics API");
        }

        var pods = new Dictionary<string, PodMetric>(StringComparer.Ordinal);
        DateTimeOffset? first = null;
        foreach (var item in items.EnumerateArray())
        {
            var sample = Sample(item, resource, container);
            first ??= sample?.Metric.Timestamp ?? Timestamp(item);
            if (sample is { } s)
            {
                pods[s.Name] = s.Metric;
            }
        }

        return new PodResourceMetrics(pods, first ?? DateTimeOffset.MinValue);
    }

    private static (string Name, PodMetric Metric)? Sample(JsonElement item, string resource, string? container)
    {
        var name = item.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("name", out var n) ? n.GetString() : null;
        if (name is null || !item.TryGetProperty("containers", out var containers) || containers.ValueKind != JsonValueKind.Array || containers.GetArrayLength() == 0)
        {
            return null;
        }

        long sum = 0;
        var found = false;
        foreach (var c in containers.EnumerateArray())
        {
            if (container is not null && (!c.TryGetProperty("name", out var cn) || cn.GetString() != container))
            {
                continue;
            }

            if (!c.TryGetProperty("usage", out var usage) || !usage.TryGetProperty(resource, out var value) || value.GetString() is not { } text)
            {
                return null;
            }

            if (!Quantity.TryParse(text, out _, out _))
            {
                throw new MetricsUnavailableException($"the resource metrics API returned an invalid {resource} quantity \"{text}\" for pod {name}");
            }

            sum += QuantityValues.MilliValue(new ResourceQuantity(text));
            found = true;
        }

        if (!found)
        {
            return null;
        }

        var window = TimeSpan.Zero;
        if (item.TryGetProperty("window", out var w) && !GoDuration.TryParse(w.GetString(), out window))
        {
            throw new MetricsUnavailableException($"the resource metrics API returned an invalid window \"{w}\" for pod {name}");
        }

        return (name, new PodMetric(sum, Timestamp(item) ?? DateTimeOffset.MinValue, window));
    }

    private static DateTimeOffset? Timestamp(JsonElement item) =>
        item.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(t.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
}
