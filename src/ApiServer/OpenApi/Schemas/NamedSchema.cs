namespace Orchestrator.ApiServer.OpenApi.Schemas;

/// <summary>A schema of <c>components.schemas</c> and the names of the schemas it references directly.</summary>
internal sealed record NamedSchema(string Name, JsonObject Schema, IReadOnlyCollection<string> References);
