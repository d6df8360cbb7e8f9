namespace Orchestrator.ApiServer.CustomResources.Controller;

/// <summary>
/// What the controller decided for one CRD: the names it may serve under, the conditions to record, and
/// whether its resources are served (names accepted and not being deleted).
/// </summary>
internal sealed record CrdStatusPlan(CrdNames AcceptedNames, IReadOnlyList<CrdCondition> Conditions, bool Serve);
