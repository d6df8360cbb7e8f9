using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Admission.Webhooks;
using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Tests.Defaulting;

namespace Orchestrator.ApiServer.Tests.Admission.Webhooks;

/// <summary>The AdmissionReview a webhook is sent, field by field, as upstream's CreateV1AdmissionReview fills it.</summary>
public sealed class AdmissionReviewRequestTests
{
    [Fact]
    public void A_create_names_kind_resource_user_object_and_options()
    {
        var attributes = Hooks.ConfigMap(AdmissionOperation.Create, """{"metadata":{"name":"cm","namespace":"default"}}""");
        var request = WebhookRequest.From(attributes);
        var invocation = new WebhookInvocation(Hooks.One("{}"), attributes.Resource, "");
        var user = new UserInfo("alice", "u-1", ["devs", "system:authenticated"], new Dictionary<string, IReadOnlyList<string>> { ["scopes"] = ["a"] });
        var review = AdmissionReviewRequest.Build("v1", "the-uid", invocation, request, user, new JsonObject { ["kind"] = "CreateOptions", ["apiVersion"] = "meta.k8s.io/v1" });

        var expected = JsonNode.Parse("""
            {"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{
              "uid":"the-uid",
              "kind":{"group":"","version":"v1","kind":"ConfigMap"},
              "resource":{"group":"","version":"v1","resource":"configmaps"},
              "requestKind":{"group":"","version":"v1","kind":"ConfigMap"},
              "requestResource":{"group":"","version":"v1","resource":"configmaps"},
              "name":"cm","namespace":"default","operation":"CREATE",
              "userInfo":{"username":"alice","uid":"u-1","groups":["devs","system:authenticated"],"extra":{"scopes":["a"]}},
              "object":{"metadata":{"name":"cm","namespace":"default"}},
              "oldObject":null,
              "dryRun":false,
              "options":{"kind":"CreateOptions","apiVersion":"meta.k8s.io/v1"}}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, review), review.ToJsonString());
    }

    [Fact]
    public void A_subresource_is_sent_with_its_own_kind()
    {
        var pods = Served.Resource("", "pods");
        var stored = JsonNode.Parse("""{"metadata":{"name":"p","namespace":"default"}}""")!.AsObject();
        var attributes = new AdmissionAttributes(AdmissionOperation.Create, pods, "eviction", "default", "p", JsonNode.Parse("""{"kind":"Eviction"}""")!.AsObject(), null, DryRun: false);
        var request = WebhookRequest.From(attributes);
        var review = AdmissionReviewRequest.Build("v1", "u", new WebhookInvocation(Hooks.One("{}"), pods, "eviction"), request, UserInfo.Unsecured, new JsonObject());
        Assert.Equal("""{"group":"policy","version":"v1","kind":"Eviction"}""", review["request"]?["kind"]?.ToJsonString());
        Assert.Equal("eviction", review["request"]?["subResource"]?.GetValue<string>());
        Assert.Equal("eviction", review["request"]?["requestSubResource"]?.GetValue<string>());
        Assert.NotNull(stored);
    }

    [Theory]
    [InlineData(new[] { "v1" }, "v1")]
    [InlineData(new[] { "v1beta1", "v1" }, "v1beta1")]
    [InlineData(new[] { "v2", "v1" }, "v1")]
    [InlineData(new[] { "v2" }, null)]
    public void The_first_review_version_the_webhook_accepts_that_the_server_speaks_is_sent(string[] accepted, string? sent)
    {
        var hook = Hooks.One("{}") with { ReviewVersions = accepted };
        Assert.Equal(sent, AdmissionReviewRequest.Version(hook));
    }
}
