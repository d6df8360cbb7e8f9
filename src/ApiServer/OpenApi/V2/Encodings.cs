namespace Orchestrator.ApiServer.OpenApi.V2;

/// <summary>The two encodings of <c>/openapi/v2</c> for one registry generation, each built on first use.</summary>
internal sealed record Encodings(long Generation, Lazy<byte[]> Protobuf, Lazy<byte[]> Json);
