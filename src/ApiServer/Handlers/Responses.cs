namespace Orchestrator.ApiServer.Handlers;

/// <summary>Writes JSON bodies and Status errors.</summary>
internal static class Responses
{
    public static async Task WriteJsonAsync(HttpContext context, int statusCode, JsonNode body, string contentType = "application/json")
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        // Straight into the response's pipe: a writer over BodyWriter.AsStream() grows a buffer of its own per response.
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, Serialization.JsonLimits.Writer))
        {
            body.WriteTo(writer);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>The answer to a create made from the stored bytes (<see cref="Storage.ResponseJson.WriteWithResourceVersion"/>).</summary>
    public static async Task WriteStoredAsync(HttpContext context, int statusCode, Storage.EncodedObject stored, long revision)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        Storage.ResponseJson.WriteWithResourceVersion(stored, revision, context.Response.BodyWriter);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiException error) =>
        WriteJsonAsync(context, error.Code, error.ToStatus());

    /// <summary>Sets the resource's kind and apiVersion on an object going out.</summary>
    public static JsonObject WithTypeMeta(Registry.ResourceDefinition resource, JsonObject obj)
    {
        obj["kind"] = resource.Kind;
        obj["apiVersion"] = resource.ApiVersion;
        return obj;
    }

    /// <summary>The Status body of a subresource call that returns no object (binding, eviction).</summary>
    public static JsonObject SuccessStatus(int code) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["code"] = code,
    };

    /// <summary>A warning as kube-apiserver sends it (<c>Warning: 299 - "text"</c>), within its caps (<see cref="WarningRecorder"/>).</summary>
    public static void AddWarning(HttpContext context, string text) => WarningRecorder.For(context).Add(text);
}
