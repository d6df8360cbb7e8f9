using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Aggregation.Availability;

/// <summary>
/// kube-aggregator's availability checks (controllers/status: the local and the remote available controllers), as
/// pure decisions. <see cref="Check"/> looks at the APIService, its Service and the Service's EndpointSlices and
/// either decides the condition or answers null: the backend must be asked (GET /apis/&lt;group&gt;/&lt;version&gt;),
/// whose outcome <see cref="AfterProbe"/> turns into the condition. Reasons and messages are upstream's.
/// </summary>
internal static class AvailabilityPlanner
{
    /// <summary>The condition decided without contacting the backend, or null when the discovery check must run.</summary>
    /// <param name="service">The Service <c>spec.service</c> names, null when it does not exist.</param>
    /// <param name="slices">The EndpointSlices labelled with that Service's name in its namespace.</param>
    public static AvailabilityCondition? Check(ApiServiceEntry apiService, JsonObject? service, IReadOnlyList<JsonObject> slices)
    {
        ArgumentNullException.ThrowIfNull(apiService);
        ArgumentNullException.ThrowIfNull(slices);
        if (apiService.Service is not { } reference)
        {
            return AvailabilityCondition.Local;
        }

        var subject = $"service/{reference.Name} in {GoText.Quote(reference.Namespace)}";
        if (service is null)
        {
            return new AvailabilityCondition("False", "ServiceNotFound", $"{subject} is not present");
        }

        // Only a ClusterIP Service is checked for its port and endpoints (an ExternalName one goes straight to the probe).
        var type = service.StringOrNull("spec", "type") ?? "ClusterIP";
        if (type != "ClusterIP")
        {
            return null;
        }

        var number = reference.Port ?? 443;
        var port = service.Objects("spec", "ports").FirstOrDefault(p => p.Long("port") == number);
        if (port is null)
        {
            return new AvailabilityCondition("False", "ServicePortError", $"{subject} is not listening on port {number.ToString(CultureInfo.InvariantCulture)}");
        }

        if (slices.Count == 0)
        {
            return new AvailabilityCondition("False", "EndpointsNotFound", $"cannot find endpointslices for {subject}");
        }

        var portName = port.String("name");
        return slices.Any(s => HasAvailableEndpoint(s, portName))
            ? null
            : new AvailabilityCondition("False", "MissingEndpoints", $"endpointslices for {subject} have no addresses with port name {GoText.Quote(portName)}");
    }

    /// <summary>The condition after the discovery check: <paramref name="error"/> is null when the backend answered 2xx.</summary>
    public static AvailabilityCondition AfterProbe(string? error) =>
        error is null ? AvailabilityCondition.Passed : new AvailabilityCondition("False", "FailedDiscoveryCheck", error);

    /// <summary>
    /// A slice with an endpoint not known to be unready and a port of that name with a number. A port without a
    /// name counts as the empty name: JSON drops an empty string where Go keeps a pointer to it.
    /// </summary>
    private static bool HasAvailableEndpoint(JsonObject slice, string portName) =>
        slice.Objects("endpoints").Any(e => e.BoolOrNull("conditions", "ready") ?? true)
        && slice.Objects("ports").Any(p => p.String("name") == portName && p["port"] is not null);
}
