namespace Orchestrator.ApiServer.Registry.Networking.NetworkPolicies;

/// <summary>
/// networking.k8s.io/v1 NetworkPolicies (upstream pkg/registry/networking/networkpolicy/strategy.go and
/// v1 defaults): ports default to TCP; a policy without policyTypes is an Ingress policy, and an Egress one
/// too when it has egress rules; upstream's ValidateNetworkPolicySpec.
/// </summary>
internal sealed class NetworkPolicyStrategy() : ResourceStrategy(new NetworkPolicyPrinter())
{
    public override void Default(JsonObject obj, bool create)
    {
        var spec = JsonFields.Child(obj, "spec");
        foreach (var rules in new[] { "ingress", "egress" })
        {
            foreach (var (_, rule) in JsonFields.Items(spec, rules))
            {
                foreach (var (_, port) in JsonFields.Items(rule, "ports"))
                {
                    JsonFields.Default(port, "protocol", "TCP");
                }
            }
        }

        if (spec["policyTypes"] is not JsonArray { Count: > 0 })
        {
            spec["policyTypes"] = spec["egress"] is JsonArray { Count: > 0 } ? new JsonArray("Ingress", "Egress") : new JsonArray("Ingress");
        }
    }

    public override void Validate(JsonObject obj, List<StatusCause> causes) => NetworkPolicyValidation.Validate(obj, causes);
}
