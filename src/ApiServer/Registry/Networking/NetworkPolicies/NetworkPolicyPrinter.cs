using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.Networking.NetworkPolicies;

/// <summary>networkpolicies: NAME POD-SELECTOR AGE (upstream's printNetworkPolicy).</summary>
internal sealed class NetworkPolicyPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Pod-Selector", "Selects the pods to which this NetworkPolicy object applies.", obj => LabelFormat.Selector(obj.At("spec", "podSelector"))),
    CommonColumns.Age);
