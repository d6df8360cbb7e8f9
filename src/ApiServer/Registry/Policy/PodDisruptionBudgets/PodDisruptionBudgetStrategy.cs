namespace Orchestrator.ApiServer.Registry.Policy.PodDisruptionBudgets;

/// <summary>PodDisruptionBudgets: no rules of their own but the table.</summary>
internal sealed class PodDisruptionBudgetStrategy() : ResourceStrategy(new PodDisruptionBudgetPrinter());
