using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>The label and field selectors of a list, watch or deletecollection, as one predicate.</summary>
internal sealed class ObjectFilter(Func<JsonObject, bool>? predicate)
{
    public static ObjectFilter All { get; } = new(null);

    public bool IsEmpty => predicate is null;

    public bool Matches(JsonObject obj) => predicate is null || predicate(obj);

    public static ObjectFilter FromQuery(ResourceDefinition resource, IQueryCollection query)
    {
        var labels = query["labelSelector"].ToString();
        var fields = query["fieldSelector"].ToString();
        if (labels.Length == 0 && fields.Length == 0)
        {
            return All;
        }

        throw ApiErrors.BadRequest($"label and field selectors are not supported yet on {resource.QualifiedResource}");
    }
}
