using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED-NODE READINESS-GATES.</summary>
internal sealed class PodPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        CommonColumns.Age,
        new("IP", "string", "The IP address allocated to the pod (the first of status.podIPs).", Priority: 1),
        new("Node", "string", "The node the pod is scheduled onto (spec.nodeName).", Priority: 1),
        new("Nominated Node", "string", "The node on which the pod is expected to run after a preemption (status.nominatedNodeName).", Priority: 1),
        new("Readiness Gates", "string", "How many of the pod's readiness gates have their condition true.", Priority: 1),
    ];

    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var summary = PodSummary.Of(obj);
        return new JsonArray(
            ObjectCells.Name(obj),
            $"{summary.Ready}/{summary.Total}",
            summary.Status,
            summary.RestartsCell(now),
            ObjectCells.Age(obj, now),
            OrNone(PodIP(obj)),
            OrNone(obj.String("spec", "nodeName")),
            OrNone(obj.String("status", "nominatedNodeName")),
            ReadinessGates(obj));
    }

    public JsonArray? Conditions(JsonObject obj) => obj.String("status", "phase") switch
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
