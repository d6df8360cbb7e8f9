namespace Orchestrator.ApiServer.Registry.VersionConversion;

/// <summary>
/// Marks a <see cref="ResourceDefinition"/> as a version served from another one's storage: the
/// objects are <paramref name="Storage"/>'s (same store keys, watch cache, uid and resourceVersion), and
/// <paramref name="Converter"/> turns them into this version and back.
/// </summary>
internal sealed record StoredAs(ResourceDefinition Storage, IVersionConverter Converter);
