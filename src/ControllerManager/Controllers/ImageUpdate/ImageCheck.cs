namespace Orchestrator.ControllerManager.Controllers.ImageUpdate;

/// <summary>
/// What a tag points at as far as the controller knows (<see cref="Digest"/>, null when it has never been read or
/// the last check failed), the error of a check made just now, and when the tag is due again.
/// </summary>
internal sealed record ImageCheck(string? Digest, string? Error, DateTimeOffset NextCheck);
