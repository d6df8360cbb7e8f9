namespace Orchestrator.ApiServer.Metrics.Serving;

/// <summary>metrics-server's answer for a node or pod that exists but has no metrics yet: NotFound on its own group resource.</summary>
internal static class MetricsErrors
{
    public static ApiException NoMetrics(string resource, string name) =>
        new(404, "NotFound", $"{resource}.{MetricsResources.Group} \"{name}\" not found")
        {
            DetailsName = name,
            DetailsGroup = MetricsResources.Group,
            DetailsKind = resource,
        };
}
