namespace Orchestrator.ApiServer.Registry.Authentication;

/// <summary>The metadata of a review's answer: upstream sets only the creation timestamp.</summary>
internal static class ReviewMetadata
{
    public static JsonObject Of(TimeProvider time) => new()
    {
        ["creationTimestamp"] = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };
}
