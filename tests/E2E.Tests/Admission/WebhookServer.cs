using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Admission;

/// <summary>
/// A real admission webhook for the end-to-end tests: HTTPS on 127.0.0.1 with a serving certificate from
/// its own CA (made here), for 127.0.0.1, localhost and <see cref="ServiceName"/>. It answers AdmissionReview v1:
/// <list type="bullet">
/// <item><c>/validate</c> denies an object labelled <c>deny=true</c> and warns about one labelled <c>warn=true</c>;</item>
/// <item><c>/mutate</c> adds the label <c>mutated=yes</c> with a JSONPatch;</item>
/// <item><c>/slow</c> answers after 20 seconds (far longer than the webhooks' 1 second timeout).</item>
/// </list>
/// Every review is kept by object name, for the tests to see what the API server sent.
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    public const string ServiceNamespace = "wh-svc";
    public const string ServiceName = "hooks." + ServiceNamespace + ".svc";

    private readonly HttpsTestServer _https;

    private WebhookServer(HttpsTestServer https) => _https = https;

    public int Port => _https.Port;

    /// <summary>The CA certificate, base64 PEM: a webhook configuration's caBundle.</summary>
    public string CaBundle => _https.CaBundle;

    /// <summary>The requests received, by object name (last one wins).</summary>
    public ConcurrentDictionary<string, JsonObject> Reviews { get; } = new(StringComparer.Ordinal);

    public static async Task<WebhookServer> StartAsync()
    {
        WebhookServer? server = null;
        var https = await HttpsTestServer.StartAsync("e2e-webhook-ca", ["hooks", "localhost", ServiceName], [IPAddress.Loopback], app =>
        {
            app.MapPost("/validate", context => server!.AnswerAsync(context, Validate));
            app.MapPost("/mutate", context => server!.AnswerAsync(context, Mutate));
            app.MapPost("/slow", async context =>
            {
                await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
                await server!.AnswerAsync(context, _ => new JsonObject { ["allowed"] = true });
            });
        });
        server = new WebhookServer(https);
        return server;
    }

    public ValueTask DisposeAsync() => _https.DisposeAsync();

    /// <summary>Keeps the review, then writes the answer <paramref name="decide"/> gives to its request.</summary>
    private async Task AnswerAsync(HttpContext context, Func<JsonObject, JsonObject> decide)
    {
        var review = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        var request = review["request"]!.AsObject();
        var name = (request["object"] ?? request["oldObject"])?["metadata"]?["name"]?.GetValue<string>() ?? "";
        Reviews[name] = review;
        var response = decide(request);
        response["uid"] = request["uid"]!.GetValue<string>();
        var answer = new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    private static JsonObject Validate(JsonObject request)
    {
        var labels = request["object"]?["metadata"]?["labels"];
        if (labels?["deny"]?.GetValue<string>() == "true")
        {
            return new JsonObject
            {
                ["allowed"] = false,
                ["status"] = new JsonObject { ["code"] = 403, ["reason"] = "Forbidden", ["message"] = "label deny=true is not allowed" },
            };
        }

        var response = new JsonObject { ["allowed"] = true };
        if (labels?["warn"]?.GetValue<string>() == "true")
        {
            response["warnings"] = new JsonArray("checked by the e2e webhook");
        }

        return response;
    }

    private static JsonObject Mutate(JsonObject request)
    {
        var patch = request["object"]?["metadata"]?["labels"] is null
            ? """[{"op":"add","path":"/metadata/labels","value":{"mutated":"yes"}}]"""
            : """[{"op":"add","path":"/metadata/labels/mutated","value":"yes"}]""";
        return new JsonObject
        {
            ["allowed"] = true,
            ["patchType"] = "JSONPatch",
            ["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch)),
        };
    }
}
