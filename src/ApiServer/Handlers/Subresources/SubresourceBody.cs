namespace Orchestrator.ApiServer.Handlers.Subresources;

/// <summary>The request body of a subresource that serves one method (binding, eviction, finalize).</summary>
internal static class SubresourceBody
{
    /// <summary>405 for any method but <paramref name="method"/>; otherwise the body as a JSON object (media type, size and syntax checked).</summary>
    public static Task<JsonObject> ReadAsync(HttpContext context, string method) =>
        context.Request.Method == method
            ? RequestBody.ReadObjectAsync(context.Request, context.RequestAborted)
            : throw ApiErrors.MethodNotAllowed();

    /// <summary>The PUT body of a subresource that takes the whole object (finalize, approval): checked as an object of <paramref name="resource"/>'s own kind and schema.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context, ResourceDefinition resource)
    {
        var body = await ReadAsync(context, "PUT");
        BodyChecks.CheckKind(resource, resource.Kind, resource.ApiVersion, body);
        BodyChecks.CheckSchema(resource, resource.ModelType, resource.Kind, body, RequestOptions.FieldValidationOf(context));
        return body;
    }
}
