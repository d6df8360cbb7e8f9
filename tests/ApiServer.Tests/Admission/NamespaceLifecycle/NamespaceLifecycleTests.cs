using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Admission.NamespaceLifecycle;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Tests.Defaulting;

namespace Orchestrator.ApiServer.Tests.Admission.NamespaceLifecycle;

/// <summary>NamespaceLifecycle: a create needs an existing namespace (404) that is not being deleted (403).</summary>
public sealed class NamespaceLifecycleTests
{
    private static readonly INamespaceLookup Namespaces = new Stored(
        """{"metadata":{"name":"live"}}""",
        """{"metadata":{"name":"going","deletionTimestamp":"2026-12-06T00:00:00Z"}}""");

    public static TheoryData<string, string, string, string?, int?, string?> Creates => new()
    {
        { "a namespaced object in an existing namespace", "configmaps", "cm", "live", null, null },
        { "a namespaced object in a missing namespace", "configmaps", "cm", "missing", 404, "namespaces \"missing\" not found" },
        { "a namespaced object in a terminating namespace", "pods", "p", "going", 403, "pods \"p\" is forbidden: unable to create new content in namespace going because it is being terminated" },
        { "a cluster-scoped object: no namespace holds it", "nodes", "n", null, null, null },
        { "a namespace itself, while another is terminating", "namespaces", "going", null, null, null },
    };

    [Theory]
    [MemberData(nameof(Creates))]
    public void Creates_need_a_live_namespace(string why, string plural, string name, string? ns, int? code, string? message)
    {
        var plugin = new ApiServer.Admission.NamespaceLifecycle.NamespaceLifecycle(Namespaces);
        var attributes = new AdmissionAttributes(AdmissionOperation.Create, Served.Resource("", plural), null, ns, name, new JsonObject(), null, DryRun: false);

        var error = Record.Exception(() =>
        {
            plugin.Admit(attributes);
            plugin.Validate(attributes);
        });

        Assert.True(code == (error as ApiException)?.Code, $"{why}: {error?.Message}");
        Assert.Equal(message, error?.Message);
    }

    [Fact]
    public void A_missing_namespace_is_found_on_admit_and_a_terminating_one_on_validate()
    {
        var plugin = new ApiServer.Admission.NamespaceLifecycle.NamespaceLifecycle(Namespaces);
        var missing = new AdmissionAttributes(AdmissionOperation.Create, Served.Resource("", "pods"), null, "missing", "p", new JsonObject(), null, DryRun: false);
        var going = missing with { Namespace = "going" };

        Assert.Equal("NotFound", Assert.Throws<ApiException>(() => plugin.Admit(missing)).Reason);
        plugin.Admit(going);
        Assert.Equal("Forbidden", Assert.Throws<ApiException>(() => plugin.Validate(going)).Reason);
    }

    [Fact]
    public void Only_creates_are_checked()
    {
        var plugin = new ApiServer.Admission.NamespaceLifecycle.NamespaceLifecycle(Namespaces);
        Assert.True(plugin.Handles(AdmissionOperation.Create));
        Assert.False(plugin.Handles(AdmissionOperation.Update));
    }

    private sealed class Stored(params string[] namespaces) : INamespaceLookup
    {
        private readonly Dictionary<string, JsonObject> _byName = namespaces
            .Select(n => JsonNode.Parse(n)!.AsObject())
            .ToDictionary(n => n["metadata"]!["name"]!.GetValue<string>());

        public JsonObject? Find(string name) => _byName.GetValueOrDefault(name);
    }
}
