using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>A request that asked for a Table (kubectl get's human-readable output), with its options.</summary>
internal sealed record TableRequest(string ApiVersion, IncludeObject IncludeObject, DateTimeOffset Now)
{
    /// <summary>The table options when Accept asks for a Table, else null.</summary>
    public static TableRequest? From(HttpContext context, TimeProvider time)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (!TableNegotiation.WantsTable(accept))
        {
            return null;
        }

        return new TableRequest(
            TableNegotiation.TableApiVersion(accept),
            TableNegotiation.ParseIncludeObject(context.Request.Query["includeObject"].ToString()),
            time.GetUtcNow());
    }

    public JsonObject Build(ResourceDefinition resource, IReadOnlyList<JsonObject> objects, string? resourceVersion, string? next, bool columnDefinitions = true) =>
        TableBuilder.Build(resource, objects, new TableOptions
        {
            ApiVersion = ApiVersion,
            ResourceVersion = resourceVersion,
            Continue = next,
            IncludeObject = IncludeObject,
            IncludeColumnDefinitions = columnDefinitions,
            Now = Now,
        });
}
