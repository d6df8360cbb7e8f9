using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Admission.NamespaceLifecycle;
using Orchestrator.ApiServer.Caching;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Tests.Defaulting;
using NSubstitute;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Tests.Admission;

/// <summary>The admission chain: plugins in their fixed order, mutation before validation, around the kind's own rules.</summary>
public sealed class AdmissionChainTests
{
    private static readonly ResourceDefinition ConfigMaps = Served.Resource("", "configmaps");

    [Fact]
    public async Task The_server_runs_upstreams_plugins_in_upstreams_order()
    {
        await using var services = Unstarted().AddSingleton<INamespaceLookup>(new NoNamespaces()).AddSingleton<IDefaultClassLookup>(new NoDefaultClasses()).AddAdmission().BuildServiceProvider();
        Assert.Equal(
            ["NamespaceLifecycle", "DefaultTolerationSeconds", "DefaultStorageClass", "StorageObjectInUseProtection", "RuntimeClass", "CertificateApproval", "CertificateSigning", "CertificateSubjectRestriction", "DefaultIngressClass", "MutatingAdmissionWebhook", "ValidatingAdmissionWebhook"],
            services.GetRequiredService<AdmissionChain>().Names);
    }

    [Fact]
    public async Task A_secured_server_adds_the_ServiceAccount_and_NodeRestriction_plugins_in_their_place()
    {
        await using var services = Unstarted().AddSingleton<INamespaceLookup>(new NoNamespaces()).AddSingleton<IObjectLookup>(new NoObjects()).AddSingleton<IDefaultClassLookup>(new NoDefaultClasses())
            .AddAdmission(serviceAccounts: true).BuildServiceProvider();
        Assert.Equal(
            ["NamespaceLifecycle", "ServiceAccount", "NodeRestriction", "DefaultTolerationSeconds", "DefaultStorageClass", "StorageObjectInUseProtection", "RuntimeClass", "CertificateApproval", "CertificateSigning", "CertificateSubjectRestriction", "DefaultIngressClass",
             "MutatingAdmissionWebhook", "ValidatingAdmissionWebhook"],
            services.GetRequiredService<AdmissionChain>().Names);
    }

    /// <summary>What the webhook plugins are built from, never started here (no write asks them): the registry, watch caches over a store nobody reads, logging.</summary>
    private static IServiceCollection Unstarted()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(ResourceRegistry.BuiltIn).AddSingleton(Substitute.For<IStore>());
        return services.AddSingleton<WatchCacheSet>();
    }

    private sealed class NoObjects : IObjectLookup
    {
        public JsonObject? Find(ResourceDefinition resource, string? ns, string name) => null;
    }

    [Fact]
    public void Plugins_take_upstreams_position_whatever_order_they_come_in()
    {
        var chain = AdmissionPlugins.Chain([Named("ValidatingAdmissionWebhook"), Named("NamespaceLifecycle"), Named("RuntimeClass")]);
        Assert.Equal(["NamespaceLifecycle", "RuntimeClass", "ValidatingAdmissionWebhook"], chain.Names);
    }

    [Fact]
    public void A_plugin_upstream_does_not_know_has_no_position()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AdmissionPlugins.Chain([Named("Mine")]));
        Assert.Equal("admission plugin Mine has no position in upstream's order", error.Message);
    }

    public static TheoryData<string, bool, string[]> Runs => new()
    {
        { "create: every mutation in order, then every validation in order", true, ["A admit", "B admit", "A validate", "B validate"] },
        { "update: only the plugins that handle it", false, ["A admit", "A validate"] },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_write_goes_through_the_plugins_in_order(string why, bool create, string[] expected)
    {
        var log = new List<string>();
        var rules = Rules(new Recorder("A", log, AdmissionOperation.Create, AdmissionOperation.Update), new Recorder("B", log, AdmissionOperation.Create));
        var current = Parse("""{"metadata":{"name":"cm","namespace":"default","uid":"u"},"data":{"a":"1"}}""");
        var body = Parse("""{"metadata":{"name":"cm"},"data":{"a":"2"}}""");

        if (create)
        {
            rules.PrepareCreate(ConfigMaps, body, "default");
        }
        else
        {
            rules.PrepareUpdate(ConfigMaps, current, body, subresource: null);
        }

        Assert.True(expected.SequenceEqual(log), $"{why}: {string.Join(", ", log)}");
    }

    [Fact]
    public void Mutations_see_the_defaulted_object_and_validation_the_mutated_one()
    {
        var log = new List<string>();
        var rules = Rules(new Recorder("A", log, AdmissionOperation.Create) { Mutate = o => o["data"] = new JsonObject { ["added"] = "by A" } });
        var body = Parse("""{"metadata":{"name":"cm"}}""");

        rules.PrepareCreate(ConfigMaps, body, "default");

        Assert.Equal("by A", body["data"]?["added"]?.GetValue<string>());
        Assert.Equal(["A admit", "A validate"], log);
    }

    [Fact]
    public void An_invalid_object_is_rejected_before_validating_plugins_run()
    {
        var log = new List<string>();
        var rules = Rules(new Recorder("A", log, AdmissionOperation.Create));
        var body = Parse("""{"metadata":{"name":"cm"},"data":{"bad key":"x"}}""");

        var error = Assert.Throws<ApiException>(() => rules.PrepareCreate(ConfigMaps, body, "default"));

        Assert.Equal(422, error.Code);
        Assert.Equal(["A admit"], log);
    }

    [Fact]
    public void A_plugin_that_rejects_stops_the_chain()
    {
        var log = new List<string>();
        var rules = Rules(
            new Recorder("A", log, AdmissionOperation.Create) { Reject = true },
            new Recorder("B", log, AdmissionOperation.Create));

        var error = Assert.Throws<ApiException>(() => rules.PrepareCreate(ConfigMaps, Parse("""{"metadata":{"name":"cm"}}"""), "default"));

        Assert.Equal(403, error.Code);
        Assert.Equal(["A admit", "B admit", "A validate"], log);
    }

    private static RegistryRules Rules(params IAdmissionPlugin[] plugins) => new(TimeProvider.System, new Random(1), new AdmissionChain(plugins));

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static Recorder Named(string name) => new(name, []);

    private sealed class NoDefaultClasses : IDefaultClassLookup
    {
        public string? Find(string group, string plural, params string[] annotations) => null;
    }

    private sealed class NoNamespaces : INamespaceLookup
    {
        public JsonObject? Find(string name) => null;
    }

    private sealed class Recorder(string name, List<string> log, params AdmissionOperation[] operations) : IAdmissionPlugin
    {
        public Action<JsonObject>? Mutate { get; init; }

        public bool Reject { get; init; }

        public string Name => name;

        public bool Handles(AdmissionOperation operation) => operations.Contains(operation);

        public void Admit(AdmissionAttributes attributes)
        {
            log.Add($"{name} admit");
            Mutate?.Invoke(attributes.Object);
        }

        public void Validate(AdmissionAttributes attributes)
        {
            log.Add($"{name} validate");
            if (Reject)
            {
                throw new ApiException(403, "Forbidden", $"{name} says no");
            }
        }
    }
}
