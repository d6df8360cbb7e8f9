namespace Orchestrator.ApiServer.Registry.Networking.IngressClasses;

/// <summary>
/// networking.k8s.io/v1 IngressClasses (upstream pkg/registry/networking/ingressclass/strategy.go): cluster
/// scoped; a parameters reference without scope is Cluster-scoped (SetDefaults_IngressClass); the
/// controller is required, a domain-prefixed path of at most 250 bytes and immutable.
/// </summary>
internal sealed class IngressClassStrategy() : ResourceStrategy(new IngressClassPrinter())
{
    /// <summary>The annotation that makes a class the default of ingresses that name none.</summary>

    public override void Default(JsonObject obj, bool create)
    {
        if (obj["spec"]?["parameters"] is JsonObject parameters)
        {
            JsonFields.Default(parameters, "scope", "Cluster");
        }
    }

    public override void Validate(JsonObject obj, List<StatusCause> causes) => IngressClassValidation.Validate(obj, causes);

    public override void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes) =>
        UpdateValidation.Immutable(causes, "spec.controller", current["spec"]?["controller"], updated["spec"]?["controller"]);
}
