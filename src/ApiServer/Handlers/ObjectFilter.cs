using Orchestrator.ApiMachinery.Fields;
using Orchestrator.ApiMachinery.Selection;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>The label and field selectors of a list, watch or deletecollection, as one predicate.</summary>
internal sealed class ObjectFilter(Func<JsonObject, bool>? predicate)
{
    public static ObjectFilter All { get; } = new(null);

    public bool IsEmpty => predicate is null;

    public bool Matches(JsonObject obj) => predicate is null || predicate(obj);

    /// <summary>Whether a cached object matches; without selectors its JSON is never parsed into a tree.</summary>
    public bool Matches(Caching.CachedObject item) => predicate is null || predicate(item.Object);

    /// <summary>Parses <c>labelSelector</c> and <c>fieldSelector</c>; a malformed or unsupported one is a 400.</summary>
    public static ObjectFilter FromQuery(ResourceDefinition resource, IQueryCollection query)
    {
        var labelsText = query["labelSelector"].ToString();
        var fieldsText = query["fieldSelector"].ToString();
        if (labelsText.Length == 0 && fieldsText.Length == 0)
        {
            return All;
        }

        try
        {
            var labels = LabelRequirements.Parse(labelsText);
            var fields = resource.Strategy.FieldSelectors;
            var fieldSelector = fields.Validate(FieldSelector.Parse(fieldsText));
            return new ObjectFilter(obj => labels.Matches(ObjectMeta.Labels(obj)) && fields.Matches(fieldSelector, obj));
        }
        catch (SelectorException e)
        {
            throw ApiErrors.BadRequest(e.Message);
        }
    }
}
