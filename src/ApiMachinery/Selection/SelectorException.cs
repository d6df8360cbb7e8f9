namespace Orchestrator.ApiMachinery.Selection;

/// <summary>A label or field selector that cannot be parsed or is not supported; the server answers 400 BadRequest with the message.</summary>
public sealed class SelectorException(string message) : Exception(message);
