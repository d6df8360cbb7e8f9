namespace Orchestrator.ApiServer.CustomResources.Printing;

/// <summary>One entry of a CRD version's <c>additionalPrinterColumns</c>.</summary>
internal sealed record PrinterColumnSpec(string Name, string Type, string Format, string Description, int Priority, string JsonPath);
