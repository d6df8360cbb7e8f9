using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.ApiServer.Admission.NamespaceLifecycle;
using Orchestrator.ApiServer.Admission.Webhooks;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Admission;

namespace Orchestrator.ApiServer.Tests.Admission.Webhooks;

/// <summary>
/// The two webhook plugins over fixed configurations and a fake transport: each webhook answers through a
/// function of the review it got; every review sent is kept, in order. The request is a plain HttpContext
/// whose response headers show the warnings.
/// </summary>
internal sealed class FakeWebhooks : IWebhookCaller, IWebhookSource, INamespaceLookup
{
    private readonly Dictionary<string, Func<JsonObject, JsonNode?>> _answers = new(StringComparer.Ordinal);

    public FakeWebhooks(IEnumerable<WebhookDefinition> hooks)
    {
        var all = hooks.ToList();
        Mutating = [.. all.Where(h => h.Mutating)];
        Validating = [.. all.Where(h => !h.Mutating)];
        var selection = new WebhookSelection(this, this, ResourceRegistry.BuiltIn);
        var invoker = new WebhookInvoker(this, new HttpContextAccessor { HttpContext = Http });
        MutatingPlugin = new MutatingAdmissionWebhook(selection, invoker, NullLogger<MutatingAdmissionWebhook>.Instance);
        ValidatingPlugin = new ValidatingAdmissionWebhook(selection, invoker, NullLogger<ValidatingAdmissionWebhook>.Instance);
    }

    public DefaultHttpContext Http { get; } = new();

    /// <summary>As the admission chain sees it: through the interface, so a method that does not implement it is caught.</summary>
    public IAdmissionPlugin MutatingPlugin { get; }

    public IAdmissionPlugin ValidatingPlugin { get; }

    public IReadOnlyList<WebhookDefinition> Mutating { get; }

    public IReadOnlyList<WebhookDefinition> Validating { get; }

    /// <summary>(webhook name, review) of every call, in the order made.</summary>
    public List<(string Webhook, JsonObject Review)> Calls { get; } = [];

    public IEnumerable<string> Warnings => Http.Response.Headers["Warning"].Select(w => w!);

    /// <summary>How <paramref name="webhook"/> answers; unset webhooks allow everything.</summary>
    public FakeWebhooks Answer(string webhook, Func<JsonObject, JsonNode?> answer)
    {
        _answers[webhook] = answer;
        return this;
    }

    public JsonNode? Call(WebhookDefinition hook, JsonObject review, CancellationToken cancellationToken)
    {
        lock (Calls)
        {
            Calls.Add((hook.Name, review));
        }

        return _answers.TryGetValue(hook.Name, out var answer) ? answer(review) : Allowed(review);
    }

    public bool WaitLoaded(TimeSpan timeout) => true;

    public JsonObject? Find(string name) =>
        new() { ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["name"] = name } } };

    /// <summary>A v1 answer to <paramref name="review"/> with <paramref name="response"/>'s fields added.</summary>
    public static JsonObject Answered(JsonObject review, string response = """{"allowed":true}""")
    {
        var body = JsonNode.Parse(response)!.AsObject();
        body["uid"] ??= review["request"]!["uid"]!.GetValue<string>();
        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = body };
    }

    public static JsonObject Allowed(JsonObject review) => Answered(review);

    /// <summary>An allowing answer carrying <paramref name="patch"/> as a JSONPatch.</summary>
    public static JsonObject Patched(JsonObject review, string patch) =>
        Answered(review, $$"""{"allowed":true,"patchType":"JSONPatch","patch":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(patch))}}"}""");
}
