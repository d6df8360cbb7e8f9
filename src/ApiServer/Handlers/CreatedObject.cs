using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// A created object (<see cref="ObjectCreator.CreateWithJsonAsync"/>) and, when it could be made from the stored bytes,
/// the JSON of the answer in the request's version; null means serialize <see cref="Object"/>.
/// </summary>
internal sealed record CreatedObject(JsonObject Object, byte[]? Json);
