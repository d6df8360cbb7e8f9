using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Orchestrator.ApiServer.Admission.Webhooks;
using Orchestrator.ApiServer.Caching;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.ServiceRouting;
using Orchestrator.ApiServer.Tests.ServiceRouting;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Tests.Admission.Webhooks;

/// <summary>The HTTPS call to a webhook against a real server with its own CA: what is sent, and upstream's texts for what goes wrong.</summary>
public sealed class WebhookCallerTests : IAsyncLifetime
{
    private readonly WatchCacheSet _caches = new(Substitute.For<IStore>(), NullLoggerFactory.Instance);
    private BackendClients _clients = null!;
    private HttpsTestServer _backend = null!;
    private string _seen = "";

    public async Task InitializeAsync()
    {
        _clients = new BackendClients(new ServiceResolver(_caches, ResourceRegistry.BuiltIn, Random.Shared));
        _backend = await TlsBackend.StartAsync(["localhost"], app =>
        {
            app.MapPost("/review", async (HttpContext context) =>
            {
                _seen = $"{context.Request.ContentType} {context.Request.QueryString}";
                var review = await JsonNode.ParseAsync(context.Request.Body);
                return Results.Text(FakeWebhooks.Allowed(review!.AsObject()).ToJsonString(), "application/json");
            });
            app.MapPost("/slow", async (CancellationToken cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(20), cancellationToken);
                return Results.Ok();
            });
            app.MapPost("/boom", () => Results.Text("boom", statusCode: 500));
            app.MapPost("/status", () => Results.Json(new { kind = "Status", apiVersion = "v1", message = "webhook is shutting down" }, statusCode: 503));
            app.MapPost("/garbage", () => Results.Text("not json"));
        });
    }

    public async Task DisposeAsync()
    {
        _clients.Dispose();
        await _backend.DisposeAsync();
        await _caches.DisposeAsync();
    }

    [Fact]
    public void The_review_is_posted_as_json_with_upstreams_timeout_parameter()
    {
        var review = Review();
        var answer = Caller().Call(Hook("/review", timeout: 7), review, CancellationToken.None);
        Assert.Equal(review["request"]!["uid"]!.GetValue<string>(), answer?["response"]?["uid"]?.GetValue<string>());
        Assert.Equal("application/json; charset=utf-8 ?timeout=7s", _seen);
    }

    [Fact]
    public void A_webhook_slower_than_its_timeout_fails_with_upstreams_text_in_about_the_timeout()
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<WebhookCallException>(() => Caller().Call(Hook("/slow", timeout: 1), Review(), CancellationToken.None));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Equal($"failed to call webhook: Post \"https://localhost:{_backend.Port}/slow?timeout=1s\": context deadline exceeded", error.Reason);
    }

    /// <summary>(path, reason).</summary>
    public static TheoryData<string, string> Failures => new()
    {
        { "/boom", "failed to call webhook: an error on the server (\"boom\") has prevented the request from succeeding" },
        { "/status", "failed to call webhook: webhook is shutting down" },
        { "/missing", "failed to call webhook: the server could not find the requested resource" },
        { "/garbage", "failed to call webhook: '" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Http_errors_and_bodies_that_are_not_json_fail_the_call(string path, string reason)
    {
        var error = Assert.Throws<WebhookCallException>(() => Caller().Call(Hook(path), Review(), CancellationToken.None));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_outside_the_bundle_is_not_trusted()
    {
        using var other = ApiMachinery.Certificates.CertificateAuthority.Create("other-ca");
        var hook = Hook("/review") with { Target = new WebhookTarget(new Uri($"https://localhost:{_backend.Port}/review"), null, ApiMachinery.Certificates.Pem.Certificate(other.Certificate)) };
        var error = Assert.Throws<WebhookCallException>(() => Caller().Call(hook, Review(), CancellationToken.None));
        Assert.StartsWith($"failed to call webhook: Post \"https://localhost:{_backend.Port}/review?timeout=10s\": ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_that_is_not_pem_fails_before_calling()
    {
        var hook = Hook("/review") with { Target = new WebhookTarget(new Uri($"https://localhost:{_backend.Port}/review"), null, "junk") };
        var error = Assert.Throws<WebhookCallException>(() => Caller().Call(hook, Review(), CancellationToken.None));
        Assert.StartsWith("could not get REST client: unable to load root certificates: unable to parse bytes as PEM block", error.Reason, StringComparison.Ordinal);
    }

    private WebhookCaller Caller() => new(_clients);

    private WebhookDefinition Hook(string path, int timeout = 10) =>
        Hooks.One($$"""{"timeoutSeconds":{{timeout}}}""") with { Target = new WebhookTarget(new Uri($"https://localhost:{_backend.Port}{path}"), null, _backend.CaPem) };

    private static JsonObject Review() => new()
    {
        ["apiVersion"] = "admission.k8s.io/v1",
        ["kind"] = "AdmissionReview",
        ["request"] = new JsonObject { ["uid"] = Guid.NewGuid().ToString() },
    };
}
