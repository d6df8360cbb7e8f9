using System.Diagnostics;
using System.Text.RegularExpressions;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Client.Tests.Informers;

/// <summary>Writes every delivery as "add ns/name@rv", "update ns/name@rv->rv" or "delete ns/name@rv".</summary>
internal sealed class RecordingHandler<T> : IResourceEventHandler<T>
    where T : IMetadata<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The deliveries without resource versions: "add ns/name", "update ns/name", "delete ns/name".</summary>
    public IReadOnlyList<string> Kinds => [.. Events.Select(e => Regex.Replace(e, "@\\S*", string.Empty))];

    public void OnAdd(T obj) => Record($"add {Describe(obj)}");

    public void OnUpdate(T oldObj, T newObj) => Record($"update {Describe(oldObj)}->{newObj.Metadata.ResourceVersion}");

    public void OnDelete(T obj) => Record($"delete {Describe(obj)}");

    /// <summary>Waits until at least <paramref name="count"/> deliveries arrived; returns them all.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (Events.Count < count)
        {
            Assert.True(clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(10)), $"expected {count} events, got: {string.Join(", ", Events)}");
            await Task.Delay(10);
        }

        return Events;
    }

    private static string Describe(T obj) => $"{NamespacedName.Of(obj)}@{obj.Metadata.ResourceVersion}";

    private void Record(string line)
    {
        lock (_lock)
        {
            _events.Add(line);
        }
    }
}
