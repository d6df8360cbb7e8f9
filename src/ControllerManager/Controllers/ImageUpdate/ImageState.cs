namespace Orchestrator.ControllerManager.Controllers.ImageUpdate;

/// <summary>What the controller last learned about one <c>repo:tag</c> (for one pull credential), and when to ask again.</summary>
internal sealed record ImageState(string? Digest, string? ETag, int Failures, DateTimeOffset NextCheck);
