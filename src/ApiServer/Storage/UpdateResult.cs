namespace Orchestrator.ApiServer.Storage;

/// <summary>The outcome of a <see cref="GuaranteedUpdate"/>: the object as stored (or as deleted), and whether it was deleted.</summary>
internal readonly record struct UpdateResult(JsonObject Object, bool Deleted);
