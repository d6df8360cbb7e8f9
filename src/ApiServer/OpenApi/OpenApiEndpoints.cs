using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Orchestrator.ApiServer.OpenApi.V2;
using Orchestrator.ApiServer.OpenApi.V3;

namespace Orchestrator.ApiServer.OpenApi;

/// <summary>
/// Serves the OpenAPI documents kubectl reads: <c>/openapi/v3</c> (create/apply field validation,
/// apply's patch metadata, explain) and <c>/openapi/v2</c> in protobuf (kubectl 1.27/1.28, and the
/// fallback of newer ones). Documents are built on first request and then served from memory.
/// </summary>
internal static class OpenApiEndpoints
{
    private const string Json = "application/json";

    public static IEndpointRouteBuilder MapOpenApi(this IEndpointRouteBuilder app, ResourceRegistry registry)
    {
        var documentation = new Lazy<ModelDocumentation>(ModelDocumentation.Load, LazyThreadSafetyMode.ExecutionAndPublication);
        var v3 = new OpenApiV3Documents(registry, () => documentation.Value);
        var v2 = new OpenApiV2Documents(registry, v3);

        // RequestDelegates, as in ApiRoutes (no RequestDelegateFactory).
        app.MapGet("/openapi/v3", context => ServeRoot(context, v3).ExecuteAsync(context));
        app.MapGet("/openapi/v3/{**path}", context => ServeGroupVersion(context, v3, Hosting.ApiRoutes.Route(context, "path")).ExecuteAsync(context));
        app.MapGet("/openapi/v2", context => ServeV2(context, v2).ExecuteAsync(context));
        // kubectl 1.27/1.28 try this legacy name after a 404 from /openapi/v2; it has never been served.
        app.MapGet("/swagger-2.0.0.pb-v1", context => StatusBody.Failure(StatusCodes.Status404NotFound, "NotFound", "the server could not find the requested resource").ExecuteAsync(context));
        return app;
    }

    private static IResult ServeRoot(HttpContext context, OpenApiV3Documents v3)
    {
        // The root changes whenever a document does, so clients must revalidate it each time.
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(v3.Root, Json);
    }

    private static IResult ServeGroupVersion(HttpContext context, OpenApiV3Documents v3, string path)
    {
        var document = v3.Find(path.Trim('/'));
        if (document is null)
        {
            return StatusBody.Failure(StatusCodes.Status404NotFound, "NotFound", $"the server could not find the requested resource: no OpenAPI v3 document for {path}");
        }

        var etag = $"\"{document.Hash}\"";
        context.Response.Headers.ETag = etag;
        string? hash = context.Request.Query["hash"];
        if (hash is null)
        {
            context.Response.Headers.CacheControl = "no-cache";
        }
        else if (string.Equals(hash, document.Hash, StringComparison.OrdinalIgnoreCase))
        {
            // A hashed URL names one exact document forever.
            context.Response.Headers.CacheControl = "public, immutable";
        }
        else
        {
            // A stale hash (the documents changed since the client read the root): send it to the current one, as kube-apiserver does.
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Redirect(document.ServerRelativeUrl, permanent: true);
        }

        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(document.Json, Json);
    }

    private static IResult ServeV2(HttpContext context, OpenApiV2Documents v2)
    {
        context.Response.Headers.CacheControl = "no-cache";
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Contains(OpenApiV2Protobuf.AcceptType, StringComparison.OrdinalIgnoreCase)
            || accept.Contains(OpenApiV2Protobuf.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Bytes(v2.Protobuf, OpenApiV2Protobuf.ContentType);
        }

        if (AcceptsJson(context.Request))
        {
            return Results.Bytes(v2.Json, Json);
        }

        return StatusBody.Failure(StatusCodes.Status406NotAcceptable, "NotAcceptable",
            $"only {Json} and {OpenApiV2Protobuf.AcceptType} are available for /openapi/v2");
    }

    private static bool AcceptsJson(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0)
        {
            return true;
        }

        return accepted.Any(a => a.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
            || a.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
            || a.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase));
    }
}
