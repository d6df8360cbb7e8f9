using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.Registry;

/// <summary>
/// A kind's strategy run as a write runs it, for table tests: defaults then validation (create), and the
/// update rules between two defaulted objects. Causes read as kubectl prints them: "field: message".
/// </summary>
internal static class KindCases
{
    public static ResourceDefinition Resource(string group, string plural) =>
        ResourceRegistry.BuiltIn.All.First(r => r.Group == group && r.Plural == plural);

    public static JsonObject Defaulted(string group, string plural, string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        Resource(group, plural).Strategy.Default(obj, create: true);
        return obj;
    }

    public static string[] Causes(string group, string plural, string json)
    {
        var causes = new List<StatusCause>();
        Resource(group, plural).Strategy.Validate(Defaulted(group, plural, json), causes);
        return Text(causes);
    }

    public static string[] UpdateCauses(string group, string plural, string before, string after)
    {
        var causes = new List<StatusCause>();
        Resource(group, plural).Strategy.ValidateUpdate(Defaulted(group, plural, before), Defaulted(group, plural, after), causes);
        return Text(causes);
    }

    private static string[] Text(List<StatusCause> causes) => [.. causes.Select(c => $"{c.Field}: {c.Message}")];
}
