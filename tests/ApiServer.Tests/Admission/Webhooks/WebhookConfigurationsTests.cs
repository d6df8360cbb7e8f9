using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.ApiServer.Admission.Webhooks;
using Orchestrator.ApiServer.Caching;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Tests.Admission.Webhooks;

/// <summary>The configured webhooks follow the watch caches: loaded once, then every create, change and delete, ordered by configuration name.</summary>
public sealed class WebhookConfigurationsTests : IAsyncLifetime
{
    private static readonly ResourceDefinition Validating = ResourceRegistry.BuiltIn.Find("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations")!;
    private static readonly ResourceDefinition Mutating = ResourceRegistry.BuiltIn.Find("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations")!;

    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-webhooks-").FullName;
    private IStore _store = null!;
    private WatchCacheSet _caches = null!;
    private WebhookConfigurations _configurations = null!;

    public Task InitializeAsync()
    {
        _store = StoreFactory.Open("sqlite://" + Path.Combine(_directory, "state.db"));
        _caches = new WatchCacheSet(_store, NullLoggerFactory.Instance);
        _configurations = new WebhookConfigurations(_caches, ResourceRegistry.BuiltIn);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _configurations.DisposeAsync();
        await _caches.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Webhooks_are_loaded_then_follow_creates_changes_and_deletes_in_configuration_name_order()
    {
        await PutAsync(Validating, "b-config", "b1.example.com", "b2.example.com");
        Assert.True(_configurations.WaitLoaded(TimeSpan.FromSeconds(10)));
        await Eventually.TrueAsync(() => Names(_configurations.Validating) == "b-config/b1.example.com b-config/b2.example.com", "the stored configuration is loaded");

        await PutAsync(Validating, "a-config", "a1.example.com");
        await PutAsync(Mutating, "m-config", "m1.example.com");
        await Eventually.TrueAsync(() => Names(_configurations.Validating) == "a-config/a1.example.com b-config/b1.example.com b-config/b2.example.com", "a new configuration comes first by name");
        await Eventually.TrueAsync(() => Names(_configurations.Mutating) == "m-config/m1.example.com" && _configurations.Mutating[0].Mutating, "the mutating kind is kept apart");

        await PutAsync(Validating, "b-config", "b3.example.com");
        await _store.DeleteAsync(ObjectKeys.Item(Validating, null, "a-config"));
        await Eventually.TrueAsync(() => Names(_configurations.Validating) == "b-config/b3.example.com", "a change replaces the configuration's webhooks and a delete removes them");
    }

    private static string Names(IReadOnlyList<WebhookDefinition> hooks) => string.Join(" ", hooks.Select(h => $"{h.Configuration}/{h.Name}"));

    private async Task PutAsync(ResourceDefinition kind, string name, params string[] webhooks)
    {
        var configuration = new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1",
            ["kind"] = kind.Kind,
            ["metadata"] = new JsonObject { ["name"] = name },
            ["webhooks"] = new JsonArray([.. webhooks.Select(w => (JsonNode)new JsonObject
            {
                ["name"] = w,
                ["clientConfig"] = new JsonObject { ["url"] = "https://hook.example.com/" },
                ["sideEffects"] = "None",
                ["admissionReviewVersions"] = new JsonArray("v1"),
            })]),
        };
        var key = ObjectKeys.Item(kind, null, name);
        if (await _store.GetAsync(key) is { } existing)
        {
            await _store.UpdateAsync(key, StoredObject.Encode(configuration), existing.ModRevision);
        }
        else
        {
            await _store.CreateAsync(key, StoredObject.Encode(configuration));
        }
    }
}
