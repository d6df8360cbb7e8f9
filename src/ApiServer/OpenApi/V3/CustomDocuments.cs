namespace Orchestrator.ApiServer.OpenApi.V3;

/// <summary>The documents of the custom resources served at one registry generation, and the root listing every document.</summary>
internal sealed record CustomDocuments(long Generation, byte[] Root, FrozenDictionary<string, GroupVersionDocument> ByKey);
