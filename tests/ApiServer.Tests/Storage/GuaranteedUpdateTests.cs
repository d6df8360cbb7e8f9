using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Tests.Storage;

public sealed class GuaranteedUpdateTests : IAsyncLifetime
{
    private static readonly ResourceDefinition ConfigMaps = ResourceRegistry.BuiltIn.Find("", "v1", "configmaps")!;
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-gu-").FullName;
    private IStore _store = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _store = StoreFactory.Open("sqlite://" + Path.Combine(_directory, "state.db"));
        _key = ObjectKeys.Item(ConfigMaps, "default", "cm");
        var cm = new JsonObject
        {
            ["kind"] = "ConfigMap",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["name"] = "cm", ["namespace"] = "default", ["uid"] = "u-1" },
            ["data"] = new JsonObject { ["a"] = "1" },
        };
        await _store.CreateAsync(_key, StoredObject.Encode(cm));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_conflict_runs_tryUpdate_again_on_the_newer_object()
    {
        var store = new InterferingStore(_store, s => s.GuaranteedUpdateAsync(_key, kv => StoredObject.Encode(WithData(StoredObject.Decode(kv), "b", "2"))));
        var seen = new List<string?>();

        var result = await RunAsync(store, current =>
        {
            seen.Add(current["data"]?["b"]?.GetValue<string>());
            return UpdateDecision.Write(WithData(current, "c", "3"));
        });

        Assert.Equal([null, "2"], seen);
        Assert.Equal(2, store.Writes);
        Assert.Equal("2", result.Object["data"]!["b"]!.GetValue<string>());
        Assert.Equal("3", result.Object["data"]!["c"]!.GetValue<string>());
        Assert.Equal(await Revision(), long.Parse(result.Object["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_resourceVersion_pinned_inside_tryUpdate_turns_a_conflict_into_409_instead_of_a_retry_that_loses_the_other_write()
    {
        var store = new InterferingStore(_store, s => s.GuaranteedUpdateAsync(_key, kv => StoredObject.Encode(WithData(StoredObject.Decode(kv), "b", "2"))));
        var pinned = (await _store.GetAsync(_key))!.ModRevision.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var error = await Assert.ThrowsAsync<ApiException>(() => RunAsync(store, current =>
            current["metadata"]!["resourceVersion"]!.GetValue<string>() == pinned
                ? UpdateDecision.Write(WithData(current, "c", "3"))
                : throw ApiErrors.Conflict(ConfigMaps, "cm")));

        Assert.Equal(409, error.Code);
        Assert.Equal("2", StoredObject.Decode((await _store.GetAsync(_key))!)["data"]!["b"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("other-uid", null, "Precondition failed: UID in precondition: other-uid, UID in object meta: u-1")]
    [InlineData(null, "1", "Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ")]
    public async Task Preconditions_are_checked_against_the_current_object(string? uid, string? resourceVersion, string message)
    {
        var before = await Revision();
        var called = false;

        var error = await Assert.ThrowsAsync<ApiException>(() => GuaranteedUpdate.RunAsync(_store, ConfigMaps, "default", "cm", new Preconditions(uid, resourceVersion), dryRun: false, current =>
        {
            called = true;
            return UpdateDecision.Write(current);
        }, CancellationToken.None));

        Assert.Equal(409, error.Code);
        Assert.StartsWith("Operation cannot be fulfilled on configmaps \"cm\": " + message, error.Message, StringComparison.Ordinal);
        Assert.False(called);
        Assert.Equal(before, await Revision());
    }

    [Fact]
    public async Task Matching_preconditions_let_the_write_through()
    {
        var stored = (await _store.GetAsync(_key))!;
        var rv = stored.ModRevision.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await GuaranteedUpdate.RunAsync(_store, ConfigMaps, "default", "cm", new Preconditions("u-1", rv), dryRun: false,
            current => UpdateDecision.Write(WithData(current, "a", "changed")), CancellationToken.None);

        Assert.Equal("changed", result.Object["data"]!["a"]!.GetValue<string>());
        Assert.True(stored.ModRevision < await Revision());
    }

    [Fact]
    public async Task An_update_that_changes_nothing_writes_nothing_and_answers_the_current_object()
    {
        var before = await Revision();
        var store = new InterferingStore(_store, _ => Task.CompletedTask);

        var result = await RunAsync(store, UpdateDecision.Write);

        Assert.Equal(0, store.Writes);
        Assert.Equal(before, await Revision());
        Assert.False(result.Deleted);
        Assert.Equal("1", result.Object["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_delete_decision_deletes_and_answers_its_object_at_the_deletes_revision()
    {
        var result = await RunAsync(_store, current => UpdateDecision.DeleteAnswering(WithData(current, "gone", "yes")));

        Assert.True(result.Deleted);
        Assert.Null(await _store.GetAsync(_key));
        Assert.Equal("yes", result.Object["data"]!["gone"]!.GetValue<string>());
        Assert.Equal((await Revision()).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Object["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dry_run_decides_once_and_writes_nothing()
    {
        var before = await Revision();
        var store = new InterferingStore(_store, _ => Task.CompletedTask);

        var result = await GuaranteedUpdate.RunAsync(store, ConfigMaps, "default", "cm", null, dryRun: true,
            current => UpdateDecision.DeleteAnswering(WithData(current, "a", "dry")), CancellationToken.None);

        Assert.Equal(0, store.Writes);
        Assert.False(result.Deleted);
        Assert.Equal("dry", result.Object["data"]!["a"]!.GetValue<string>());
        Assert.Equal(before, await Revision());
        Assert.NotNull(await _store.GetAsync(_key));
    }

    [Fact]
    public async Task A_missing_object_is_404()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => GuaranteedUpdate.RunAsync(_store, ConfigMaps, "default", "absent", null, dryRun: false,
            UpdateDecision.Write, CancellationToken.None));

        Assert.Equal(404, error.Code);
        Assert.Equal("configmaps \"absent\" not found", error.Message);
    }

    private static JsonObject WithData(JsonObject obj, string key, string value)
    {
        obj["data"]![key] = value;
        return obj;
    }

    private Task<UpdateResult> RunAsync(IStore store, Func<JsonObject, UpdateDecision> tryUpdate) =>
        GuaranteedUpdate.RunAsync(store, ConfigMaps, "default", "cm", null, dryRun: false, tryUpdate, CancellationToken.None);

    private async Task<long> Revision() => await _store.GetCurrentRevisionAsync();
}
