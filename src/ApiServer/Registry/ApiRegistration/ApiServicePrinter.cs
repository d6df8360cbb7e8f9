using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.ApiRegistration;

/// <summary>apiservices: NAME SERVICE AVAILABLE AGE (kube-aggregator's table convertor).</summary>
internal sealed class ApiServicePrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Service", "The reference to the service that hosts this API endpoint.", Service),
    Column.String("Available", "Whether this service is available.", Available),
    CommonColumns.Age)
{
    private static JsonNode? Service(JsonObject apiService) =>
        apiService.At("spec", "service") is JsonObject service ? $"{service.String("namespace")}/{service.String("name")}" : "Local";

    /// <summary>The Available condition's status, with its reason in parentheses unless True; Unknown without one.</summary>
    private static JsonNode? Available(JsonObject apiService)
    {
        if (apiService.Objects("status", "conditions").FirstOrDefault(c => c.String("type") == "Available") is not { } condition)
        {
            return "Unknown";
        }

        var status = condition.String("status");
        return status != "True" && condition.String("reason") is { Length: > 0 } reason ? $"{status} ({reason})" : status;
    }
}
