using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Admission.Webhooks;

namespace Orchestrator.ApiServer.Tests.Admission.Webhooks;

/// <summary>What answers a webhook may give, checked as upstream's VerifyAdmissionResponse; and its denials as ToStatusErr words them.</summary>
public sealed class WebhookResponseTests
{
    private const string Patch = "W3sib3AiOiJhZGQiLCJwYXRoIjoiL2EiLCJ2YWx1ZSI6MX1d"; // [{"op":"add","path":"/a","value":1}]

    /// <summary>(why, mutating, review version, answer, expected: "ok ..." or the failure reason).</summary>
    public static TheoryData<string, bool, string, string, string> Answers => new()
    {
        { "allowed", false, "v1", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"U","allowed":true}}""", "ok allowed=True patch=False" },
        { "denied", false, "v1", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"U","allowed":false}}""", "ok allowed=False patch=False" },
        {
            "a mutating webhook's patch",
            true, "v1", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"U","allowed":true,"patchType":"JSONPatch","patch":"PATCH"}}""", "ok allowed=True patch=True"
        },
        { "no response", false, "v1", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "received invalid webhook response: webhook response was absent" },
        { "not even JSON object", false, "v1", "null", "received invalid webhook response: webhook response was absent" },
        { "another uid", false, "v1", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"X","allowed":true}}""", "received invalid webhook response: expected response.uid=\"U\", got \"X\"" },
        {
            "a v1beta1 answer to a v1 review",
            false, "v1", """{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","response":{"uid":"U","allowed":true}}""",
            "received invalid webhook response: expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got admission.k8s.io/v1beta1, Kind=AdmissionReview"
        },
        {
            "a patch without its type",
            true, "v1", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"U","allowed":true,"patch":"PATCH"}}""",
            "received invalid webhook response: webhook returned response.patch but not response.patchType"
        },
        {
            "a type without a patch",
            true, "v1", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"U","allowed":true,"patchType":"JSONPatch"}}""",
            "received invalid webhook response: webhook returned response.patchType but not response.patch"
        },
        {
            "a validating webhook's patch",
            false, "v1", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"U","allowed":true,"patchType":"JSONPatch","patch":"PATCH"}}""",
            "received invalid webhook response: validating webhook may not return response.patch"
        },
        {
            "a patch that is not base64",
            true, "v1", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"U","allowed":true,"patchType":"JSONPatch","patch":"%%%"}}""",
            "received undecodable patch in webhook response: "
        },
        { "v1beta1: neither uid nor kind checked", true, "v1beta1", """{"response":{"allowed":true,"patch":"PATCH"}}""", "ok allowed=True patch=True" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Answers_are_checked_as_upstream_checks_them(string why, bool mutating, string version, string answer, string expected)
    {
        var hook = Hooks.One("{}", mutating);
        string actual;
        try
        {
            var response = WebhookResponse.Read(hook, version, "U", JsonNode.Parse(answer.Replace("PATCH", Patch, StringComparison.Ordinal)));
            actual = $"ok allowed={response.Allowed} patch={response.Patch is not null}";
        }
        catch (WebhookCallException e)
        {
            actual = e.Reason;
            Assert.Equal($"failed calling webhook \"hook.example.com\": {e.Reason}", e.Message);
        }

        Assert.True(actual.StartsWith(expected, StringComparison.Ordinal), $"{why}: {actual}");
    }

    /// <summary>(why, status, code, reason, message).</summary>
    public static TheoryData<string, string?, int, string, string> Denials => new()
    {
        { "no status: 400 without explanation", null, 400, "", "admission webhook \"w.example.com\" denied the request without explanation" },
        { "the webhook's code, reason and message", """{"code":422,"reason":"Invalid","message":"bad"}""", 422, "Invalid", "admission webhook \"w.example.com\" denied the request: bad" },
        { "a code below 400 becomes 400", """{"code":200,"message":"bad"}""", 400, "", "admission webhook \"w.example.com\" denied the request: bad" },
        { "the reason when there is no message", """{"code":403,"reason":"Forbidden"}""", 403, "Forbidden", "admission webhook \"w.example.com\" denied the request: Forbidden" },
    };

    [Theory]
    [MemberData(nameof(Denials))]
    public void Denials_are_worded_as_upstreams_ToStatusErr(string why, string? status, int code, string reason, string message)
    {
        var error = WebhookErrors.Denied("w.example.com", status is null ? null : JsonNode.Parse(status)!.AsObject());
        Assert.True((code, reason, message) == (error.Code, error.Reason, error.Message), $"{why}: {error.Code} {error.Reason} {error.Message}");
    }
}
