namespace Orchestrator.Client.Registry;

/// <summary>One registry answer, body read in full (within a size limit) before the request's timeout ran out.</summary>
internal sealed record RegistryResponse(HttpStatusCode Status, string? Digest, string? ETag, string? ContentType, string? Challenge, byte[] Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}
