namespace Orchestrator.ApiServer.CustomResources.Controller;

/// <summary>One status.conditions entry of a CRD as the controller decides it (the transition time is the executor's).</summary>
internal sealed record CrdCondition(string Type, string Status, string Reason, string Message);
