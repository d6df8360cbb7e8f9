namespace Orchestrator.ApiServer.Handlers.Subresources;

/// <summary>The request body of a subresource that serves one method (binding, eviction, finalize).</summary>
internal static class SubresourceBody
{
    /// <summary>405 for any method but <paramref name="method"/>; otherwise the body as a JSON object (media type, size and syntax checked).</summary>
    public static Task<JsonObject> ReadAsync(HttpContext context, string method) =>
        context.Request.Method == method
            ? RequestBody.ReadObjectAsync(context.Request, context.RequestAborted)
            : throw ApiErrors.MethodNotAllowed();
}
