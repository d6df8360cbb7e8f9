namespace Orchestrator.ApiServer.Storage;

/// <summary>What a <see cref="GuaranteedUpdate"/>'s tryUpdate decided: write <see cref="Object"/>, or delete the stored object.</summary>
/// <param name="Object">The object to write; for a delete, the object to answer with.</param>
/// <param name="Delete">True to delete the stored object (conditioned on the revision read) instead of writing.</param>
internal readonly record struct UpdateDecision(JsonObject Object, bool Delete)
{
    public static UpdateDecision Write(JsonObject obj) => new(obj, Delete: false);

    public static UpdateDecision DeleteAnswering(JsonObject obj) => new(obj, Delete: true);
}
