namespace Orchestrator.ApiServer.Registry.Core.ServiceAccounts;

/// <summary>ServiceAccounts: no rules of their own but the table.</summary>
internal sealed class ServiceAccountStrategy() : ResourceStrategy(new ServiceAccountPrinter());
