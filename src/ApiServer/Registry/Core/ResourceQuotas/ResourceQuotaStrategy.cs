namespace Orchestrator.ApiServer.Registry.Core.ResourceQuotas;

/// <summary>ResourceQuotas: no rules of their own but the table.</summary>
internal sealed class ResourceQuotaStrategy() : ResourceStrategy(new ResourceQuotaPrinter());
