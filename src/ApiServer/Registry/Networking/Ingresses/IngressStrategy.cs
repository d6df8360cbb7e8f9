namespace Orchestrator.ApiServer.Registry.Networking.Ingresses;

/// <summary>
/// networking.k8s.io/v1 Ingresses (upstream pkg/registry/networking/ingress/strategy.go): no defaults of their
/// own, a new ingress starts without status, and upstream's ValidateIngressCreate / ValidateIngressUpdate. The
/// default class is filled in by the DefaultIngressClass admission plugin.
/// </summary>
internal sealed class IngressStrategy() : ResourceStrategy(new IngressPrinter())
{
    public override void Validate(JsonObject obj, List<StatusCause> causes) => IngressValidation.Validate(obj, causes);
}
