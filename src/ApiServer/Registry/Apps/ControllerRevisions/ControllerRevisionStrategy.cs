namespace Orchestrator.ApiServer.Registry.Apps.ControllerRevisions;

/// <summary>ControllerRevisions: no rules of their own but the table.</summary>
internal sealed class ControllerRevisionStrategy() : ResourceStrategy(new ControllerRevisionPrinter());
