namespace Orchestrator.ApiServer.Registry.ApiRegistration;

/// <summary>
/// apiregistration.k8s.io/v1 APIServices (kube-aggregator's pkg/registry/apiservice/strategy.go): cluster
/// scoped, stored and validated; status through /status. What an APIService makes the server do (proxy,
/// availability, discovery) is the aggregator's, in <c>Aggregation/</c>.
/// </summary>
internal sealed class ApiServiceStrategy() : ResourceStrategy(new ApiServicePrinter())
{
    public override void Default(JsonObject obj, bool create)
    {
        if (obj["spec"]?["service"] is JsonObject service)
        {
            Defaulting.JsonFields.Default(service, "port", 443);
        }
    }

    public override void Validate(JsonObject obj, List<StatusCause> causes) => ApiServiceValidation.Validate(obj, causes);
}
