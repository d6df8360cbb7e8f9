namespace Orchestrator.ApiServer.Selectors;

/// <summary>A label or field selector that cannot be parsed or is not supported; the server answers 400 BadRequest with the message.</summary>
internal sealed class SelectorException(string message) : Exception(message);
