namespace Orchestrator.ApiServer.Errors;

/// <summary>One cause in a Status's details (a field error of a 422, for instance).</summary>
internal sealed record StatusCause(string Reason, string Message, string? Field);
