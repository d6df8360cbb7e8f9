using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Aggregation;

/// <summary>
/// What the aggregator needs of one APIService, read once from the object: its group/version, priorities, the
/// backend (null: served locally), how to trust the backend, and whether its Available condition is True.
/// </summary>
internal sealed record ApiServiceEntry(
    string Name,
    string Group,
    string Version,
    long GroupPriorityMinimum,
    long VersionPriority,
    ServiceReference? Service,
    string CaBundle,
    bool InsecureSkipTlsVerify,
    bool Available,
    string ResourceVersion)
{
    public bool IsLocal => Service is null;

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public static ApiServiceEntry From(JsonObject apiService)
    {
        ArgumentNullException.ThrowIfNull(apiService);
        var spec = apiService["spec"];
        var service = spec?["service"] is JsonObject s
            ? new ServiceReference(s.String("namespace"), s.String("name"), (int)(s.LongOrNull("port") ?? 443))
            : null;
        var available = apiService.Objects("status", "conditions").Any(c => c.String("type") == "Available" && c.String("status") == "True");
        return new ApiServiceEntry(
            apiService.String("metadata", "name"),
            spec.String("group"),
            spec.String("version"),
            spec.Long("groupPriorityMinimum"),
            spec.Long("versionPriority"),
            service,
            spec.String("caBundle"),
            spec.Bool("insecureSkipTLSVerify"),
            available,
            apiService.String("metadata", "resourceVersion"));
    }
}
