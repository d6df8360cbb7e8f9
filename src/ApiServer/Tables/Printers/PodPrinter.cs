namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED-NODE READINESS-GATES.</summary>
internal sealed class PodPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Ready", "The aggregate readiness state of this pod for accepting traffic.", obj => PodSummary.Of(obj).ReadyCell),
    Column.String("Status", "The aggregate status of the containers in this pod.", obj => PodSummary.Of(obj).Status),
    Column.String(
        "Restarts",
        "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
        (obj, now) => PodSummary.Of(obj).RestartsCell(now)),
    CommonColumns.Age,
    Column.String("IP", "The IP address allocated to the pod (the first of status.podIPs).", obj => OrNone(PodIP(obj))).Wide(),
    Column.String("Node", "The node the pod is scheduled onto (spec.nodeName).", obj => OrNone(obj.String("spec", "nodeName"))).Wide(),
    Column.String(
        "Nominated Node",
        "The node on which the pod is expected to run after a preemption (status.nominatedNodeName).",
        obj => OrNone(obj.String("status", "nominatedNodeName"))).Wide(),
    Column.String("Readiness Gates", "How many of the pod's readiness gates have their condition true.", obj => ReadinessGates(obj)).Wide())
{
    public override JsonArray? Conditions(JsonObject obj) => obj.String("status", "phase") switch
    {
        "Succeeded" => Completed("Succeeded", "The pod has completed successfully."),
        "Failed" => Completed("Failed", "The pod failed."),
        _ => null,
    };

    /// <summary>The first of status.podIPs; status.podIP when a writer set only that.</summary>
    private static string PodIP(JsonObject pod) =>
        pod["status"].Objects("podIPs").FirstOrDefault() is { } first ? first.String("ip") : pod.String("status", "podIP");

    private static string ReadinessGates(JsonObject pod)
    {
        var gates = pod["spec"].Objects("readinessGates");
        if (gates.Count == 0)
        {
            return "<none>";
        }

        var conditions = pod["status"].Objects("conditions");
        var satisfied = gates.Count(gate =>
            conditions.FirstOrDefault(c => c.String("type") == gate.String("conditionType")) is { } condition
            && condition.String("status") == "True");
        return $"{satisfied}/{gates.Count}";
    }

    private static string OrNone(string value) => value.Length == 0 ? "<none>" : value;

    private static JsonArray Completed(string reason, string message) =>
        [new JsonObject { ["type"] = "Completed", ["status"] = "True", ["reason"] = reason, ["message"] = message }];
}
