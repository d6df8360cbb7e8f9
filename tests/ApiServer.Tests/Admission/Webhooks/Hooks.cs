using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Admission.Webhooks;
using Orchestrator.ApiServer.Registry.AdmissionRegistration;
using Orchestrator.ApiServer.Tests.Defaulting;

namespace Orchestrator.ApiServer.Tests.Admission.Webhooks;

/// <summary>Webhooks as the server holds them: a fragment completed with what v1 requires, defaulted by the kind's strategy, parsed.</summary>
internal static class Hooks
{
    public const string AllRules = """[{"operations":["*"],"apiGroups":["*"],"apiVersions":["*"],"resources":["*/*"]}]""";

    /// <param name="webhook">Fields of one webhook; name, clientConfig, rules, sideEffects and admissionReviewVersions are filled in when absent.</param>
    public static WebhookDefinition One(string webhook, bool mutating = false, string configuration = "config") =>
        Parse(configuration, mutating, webhook).Single();

    public static List<WebhookDefinition> Parse(string configuration, bool mutating, params string[] webhooks)
    {
        var list = new JsonArray();
        foreach (var text in webhooks)
        {
            var webhook = JsonNode.Parse(text)!.AsObject();
            Fill(webhook, "name", "hook.example.com");
            Fill(webhook, "clientConfig", JsonNode.Parse("""{"url":"https://hook.example.com/"}"""));
            Fill(webhook, "rules", JsonNode.Parse(AllRules));
            Fill(webhook, "sideEffects", "None");
            Fill(webhook, "admissionReviewVersions", new JsonArray("v1"));
            list.Add(webhook);
        }

        var config = new JsonObject { ["metadata"] = new JsonObject { ["name"] = configuration }, ["webhooks"] = list };
        new WebhookConfigurationStrategy(mutating).Default(config, create: true);
        return [.. WebhookDefinition.Parse(config, mutating)];
    }

    /// <summary>A ConfigMap write in <paramref name="ns"/> as the chain sees it.</summary>
    public static AdmissionAttributes ConfigMap(AdmissionOperation operation, string json, string ns = "default", string? old = null, bool dryRun = false) =>
        new(operation, Served.Resource("", "configmaps"), null, ns, "cm", JsonNode.Parse(json)!.AsObject(), old is null ? null : JsonNode.Parse(old)!.AsObject(), dryRun);

    private static void Fill(JsonObject webhook, string field, JsonNode? value)
    {
        if (!webhook.ContainsKey(field))
        {
            webhook[field] = value;
        }
    }
}
