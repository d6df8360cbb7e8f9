using Orchestrator.ApiServer.Tables.Printers;

namespace Orchestrator.ApiServer.Registry.Node.RuntimeClasses;

/// <summary>RuntimeClasses: no rules of their own but the table.</summary>
internal sealed class RuntimeClassStrategy() : ResourceStrategy(new RuntimeClassPrinter());
