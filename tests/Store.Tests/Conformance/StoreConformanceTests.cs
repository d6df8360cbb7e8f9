using System.Text;
using Orchestrator.Store;

namespace Orchestrator.Store.Tests.Conformance;

/// <summary>
/// The storage contract, once, for every backend (like kube-apiserver's storage/testing suite).
/// A backend's test class only says how to make a fresh, empty, isolated store.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    private readonly List<IStore> _stores = [];

    /// <summary>Returns a fresh, empty store that shares nothing with other tests.</summary>
    protected abstract Task<IStore> CreateStoreAsync();

    /// <summary>Bounds every wait in a test, so a broken watch fails instead of hanging.</summary>
    protected static CancellationToken Timeout(int seconds = 60) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    protected async Task<IStore> NewStoreAsync()
    {
        var store = await CreateStoreAsync();
        _stores.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>Collects watch events until one at or past <paramref name="untilRevision"/> arrived.</summary>
    protected static async Task<List<WatchEvent>> CollectAsync(IAsyncEnumerable<WatchEvent> watch, long untilRevision, CancellationToken cancellationToken)
    {
        var events = new List<WatchEvent>();
        if (untilRevision <= 0)
        {
            return events;
        }

        await foreach (var change in watch.WithCancellation(cancellationToken))
        {
            if (change.Type != WatchEventType.Progress)
            {
                events.Add(change);
            }

            if (change.Revision >= untilRevision)
            {
                break;
            }
        }

        return events;
    }
}
