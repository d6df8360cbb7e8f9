using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Admission.Webhooks;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Tests.Defaulting;

namespace Orchestrator.ApiServer.Tests.Admission.Webhooks;

/// <summary>
/// The two plugins end to end over a fake transport: denials, failure policies, patches, reinvocation,
/// warnings, dry runs, deletes, and the order and parallelism of calls.
/// </summary>
public sealed class WebhookDispatchTests
{
    private const string Object = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"default"},"data":{"a":"1"}}""";

    [Fact]
    public void A_denial_carries_the_webhooks_message_and_code()
    {
        var fake = new FakeWebhooks(Hooks.Parse("v", false, """{"name":"deny.example.com"}""")).Answer("deny.example.com",
            r => FakeWebhooks.Answered(r, """{"allowed":false,"status":{"code":403,"reason":"Forbidden","message":"no configmaps today"}}"""));
        var error = Assert.Throws<ApiException>(() => fake.ValidatingPlugin.Validate(Hooks.ConfigMap(AdmissionOperation.Create, Object)));
        Assert.Equal((403, "Forbidden", "admission webhook \"deny.example.com\" denied the request: no configmaps today"), (error.Code, error.Reason, error.Message));
    }

    /// <summary>(why, failurePolicy, answer, expected: "allowed" or "code message").</summary>
    public static TheoryData<string, string, string, string> Failures => new()
    {
        { "Ignore: a webhook that fails is skipped", "Ignore", "throw", "allowed" },
        {
            "Fail: 500 with upstream's wrapping",
            "Fail", "throw", "500 Internal error occurred: failed calling webhook \"hook.example.com\": failed to call webhook: Post \"https://hook.example.com/?timeout=10s\": context deadline exceeded"
        },
        { "Fail: an answer without a response", "Fail", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "500 Internal error occurred: failed calling webhook \"hook.example.com\": received invalid webhook response: webhook response was absent" },
        { "Ignore: an answer without a response", "Ignore", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "allowed" },
        {
            "Fail: an answer for another request",
            "Fail", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"other","allowed":true}}""",
            "500 Internal error occurred: failed calling webhook \"hook.example.com\": received invalid webhook response: expected response.uid=\"UID\", got \"other\""
        },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void FailurePolicy_decides_about_calls_that_fail(string why, string policy, string answer, string expected)
    {
        var fake = new FakeWebhooks(Hooks.Parse("v", false, $$"""{"failurePolicy":"{{policy}}"}""")).Answer("hook.example.com", review => answer == "throw"
            ? throw new WebhookCallException("hook.example.com", "failed to call webhook: Post \"https://hook.example.com/?timeout=10s\": context deadline exceeded")
            : JsonNode.Parse(answer));
        string actual;
        try
        {
            fake.ValidatingPlugin.Validate(Hooks.ConfigMap(AdmissionOperation.Create, Object));
            actual = "allowed";
        }
        catch (ApiException e)
        {
            var uid = fake.Calls.Single().Review["request"]!["uid"]!.GetValue<string>();
            actual = $"{e.Code} {e.Message.Replace(uid, "UID", StringComparison.Ordinal)}";
        }

        Assert.True(expected == actual, $"{why}: {actual}");
    }

    [Fact]
    public void A_patch_is_applied_defaulted_and_seen_by_the_next_webhook()
    {
        var fake = new FakeWebhooks(Hooks.Parse("m", true, """{"name":"a.example.com"}""", """{"name":"b.example.com"}"""))
            .Answer("a.example.com", r => FakeWebhooks.Patched(r, """[{"op":"add","path":"/metadata/labels","value":{"added":"yes"}},{"op":"add","path":"/unknownField","value":1}]"""));
        var attributes = Hooks.ConfigMap(AdmissionOperation.Create, Object);

        fake.MutatingPlugin.Admit(attributes);

        Assert.Equal("yes", attributes.Object["metadata"]?["labels"]?["added"]?.GetValue<string>());
        Assert.False(attributes.Object.ContainsKey("unknownField"));
        Assert.Equal(["a.example.com", "b.example.com"], fake.Calls.Select(c => c.Webhook));
        Assert.Equal("yes", fake.Calls[1].Review["request"]?["object"]?["metadata"]?["labels"]?["added"]?.GetValue<string>());
    }

    [Fact]
    public void IfNeeded_webhooks_are_called_again_once_when_a_later_webhook_changed_the_object()
    {
        var fake = new FakeWebhooks(Hooks.Parse("m", true,
                """{"name":"first.example.com","reinvocationPolicy":"IfNeeded"}""",
                """{"name":"never.example.com","reinvocationPolicy":"Never"}""",
                """{"name":"changer.example.com","reinvocationPolicy":"IfNeeded"}"""))
            .Answer("changer.example.com", r => r["request"]?["object"]?["metadata"]?["labels"] is null
                ? FakeWebhooks.Patched(r, """[{"op":"add","path":"/metadata/labels","value":{"changed":"1"}}]""")
                : FakeWebhooks.Allowed(r));

        fake.MutatingPlugin.Admit(Hooks.ConfigMap(AdmissionOperation.Create, Object));

        Assert.Equal(["first.example.com", "never.example.com", "changer.example.com", "first.example.com"], fake.Calls.Select(c => c.Webhook));
    }

    [Fact]
    public void No_webhook_is_reinvoked_when_nothing_changed()
    {
        var fake = new FakeWebhooks(Hooks.Parse("m", true, """{"name":"a.example.com","reinvocationPolicy":"IfNeeded"}""", """{"name":"b.example.com"}"""));
        fake.MutatingPlugin.Admit(Hooks.ConfigMap(AdmissionOperation.Create, Object));
        Assert.Equal(2, fake.Calls.Count);
    }

    [Fact]
    public void Warnings_of_every_webhook_reach_the_client()
    {
        var fake = new FakeWebhooks(Hooks.Parse("v", false, """{"name":"a.example.com"}""", """{"name":"b.example.com"}"""))
            .Answer("a.example.com", r => FakeWebhooks.Answered(r, """{"allowed":true,"warnings":["from a"]}"""))
            .Answer("b.example.com", r => FakeWebhooks.Answered(r, """{"allowed":false,"warnings":["from b"],"status":{"message":"no"}}"""));

        var error = Assert.Throws<ApiException>(() => fake.ValidatingPlugin.Validate(Hooks.ConfigMap(AdmissionOperation.Create, Object)));

        Assert.Equal((400, "admission webhook \"b.example.com\" denied the request: no"), (error.Code, error.Message));
        Assert.Equal(["299 - \"from a\"", "299 - \"from b\""], fake.Warnings);
    }

    [Fact]
    public void Validating_webhooks_are_called_in_parallel()
    {
        using var both = new CountdownEvent(2);
        JsonNode? Meet(JsonObject review)
        {
            both.Signal();
            return both.Wait(TimeSpan.FromSeconds(10)) ? FakeWebhooks.Allowed(review) : throw new WebhookCallException("x", "called one after the other");
        }

        var fake = new FakeWebhooks(Hooks.Parse("v", false, """{"name":"a.example.com"}""", """{"name":"b.example.com"}""")).Answer("a.example.com", Meet).Answer("b.example.com", Meet);
        fake.ValidatingPlugin.Validate(Hooks.ConfigMap(AdmissionOperation.Create, Object));
        Assert.Equal(2, fake.Calls.Count);
    }

    [Fact]
    public void A_dry_run_reaches_webhooks_without_side_effects_and_refuses_the_others()
    {
        var safe = new FakeWebhooks(Hooks.Parse("v", false, """{"sideEffects":"NoneOnDryRun"}"""));
        safe.ValidatingPlugin.Validate(Hooks.ConfigMap(AdmissionOperation.Create, Object, dryRun: true));
        var request = safe.Calls.Single().Review["request"]!;
        Assert.True(request["dryRun"]!.GetValue<bool>());
        Assert.Equal("""["All"]""", request["options"]?["dryRun"]?.ToJsonString());

        // v1 stores only None and NoneOnDryRun; a configuration from v1beta1 days may say Unknown or Some.
        var unsafeHook = Hooks.One("{}") with { SideEffects = "Some" };
        var risky = new FakeWebhooks([unsafeHook]);
        var error = Assert.Throws<ApiException>(() => risky.ValidatingPlugin.Validate(Hooks.ConfigMap(AdmissionOperation.Create, Object, dryRun: true)));
        Assert.Equal((400, "admission webhook \"hook.example.com\" does not support dry run"), (error.Code, error.Message));
        Assert.Empty(risky.Calls);
    }

    [Fact]
    public void A_delete_sends_the_stored_object_as_oldObject_and_a_patch_of_it_is_refused()
    {
        var fake = new FakeWebhooks(Hooks.Parse("m", true, "{}"))
            .Answer("hook.example.com", r => FakeWebhooks.Patched(r, """[{"op":"add","path":"/data/b","value":"2"}]"""));
        var stored = JsonNode.Parse(Object)!.AsObject();
        var error = Assert.Throws<ApiException>(() => fake.MutatingPlugin.Admit(new AdmissionAttributes(AdmissionOperation.Delete, Served.Resource("", "configmaps"), null, "default", "cm", stored, stored, DryRun: false)));

        var request = fake.Calls.Single().Review["request"]!;
        Assert.Equal("DELETE", request["operation"]!.GetValue<string>());
        Assert.Null(request["object"]);
        Assert.Equal("cm", request["oldObject"]?["metadata"]?["name"]?.GetValue<string>());
        Assert.Equal("DeleteOptions", request["options"]?["kind"]?.GetValue<string>());
        Assert.Equal((500, "Internal error occurred: admission webhook \"hook.example.com\" attempted to modify the object, which is not supported for this operation"), (error.Code, error.Message));
    }

    [Fact]
    public void Webhooks_that_do_not_match_are_not_called_and_cost_no_review()
    {
        var fake = new FakeWebhooks(Hooks.Parse("v", false, """{"rules":[{"operations":["CREATE"],"apiGroups":[""],"apiVersions":["v1"],"resources":["secrets"]}]}"""));
        fake.ValidatingPlugin.Validate(Hooks.ConfigMap(AdmissionOperation.Create, Object));
        Assert.Empty(fake.Calls);
    }
}
