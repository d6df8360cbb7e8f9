namespace Orchestrator.ApiServer.OpenApi.V3;

/// <summary>One serialized <c>/openapi/v3/{key}</c> document.</summary>
/// <param name="Key">"api/v1" or "apis/{group}/{version}".</param>
/// <param name="Json">The UTF-8 JSON bytes served.</param>
/// <param name="Hash">SHA-512 of <paramref name="Json"/> in upper-case hex, as kube-apiserver computes the root's hashes.</param>
internal sealed record GroupVersionDocument(string Key, byte[] Json, string Hash)
{
    /// <summary>The URL the root advertises; clients cache by it.</summary>
    public string ServerRelativeUrl => $"/openapi/v3/{Key}?hash={Hash}";
}
