namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// A created object (<see cref="ObjectCreator.CreateWithJsonAsync"/>) and, when the answer in the request's version is its
/// stored bytes with the resourceVersion put in (<see cref="ResponseJson.WriteWithResourceVersion"/>), those bytes and the
/// revision; null means serialize <see cref="Object"/>.
/// </summary>
internal sealed record CreatedObject(JsonObject Object, EncodedObject? Stored, long Revision);
