using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Client.Tests.Informers;

/// <summary>
/// A list-watch of config maps whose answers a test scripts: queued list responses (or errors), and
/// watch steps that an open watch hands out one by one, blocking like a live watch when none is queued.
/// </summary>
internal sealed class ScriptedListWatch
{
    private readonly Lock _lock = new();
    private readonly Queue<Func<ListWatchRequest, V1ConfigMapList>> _lists = new();
    private readonly Channel<Step> _steps = Channel.CreateUnbounded<Step>();
    private readonly List<ListWatchRequest> _listRequests = [];
    private readonly List<ListWatchRequest> _watchRequests = [];

    public ScriptedListWatch() => ListWatch = ListWatch<V1ConfigMap>.Create<V1ConfigMapList>(ListAsync, WatchAsync);

    public ListWatch<V1ConfigMap> ListWatch { get; }

    public IReadOnlyList<ListWatchRequest> ListRequests
    {
        get
        {
            lock (_lock)
            {
                return [.. _listRequests];
            }
        }
    }

    public IReadOnlyList<ListWatchRequest> WatchRequests
    {
        get
        {
            lock (_lock)
            {
                return [.. _watchRequests];
            }
        }
    }

    public static V1ConfigMap Map(string name, string rv, string ns = "ns") =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, ResourceVersion = rv } };

    public void EnqueueList(string resourceVersion, params V1ConfigMap[] items) =>
        EnqueueList(_ => new V1ConfigMapList { Metadata = new V1ListMeta { ResourceVersion = resourceVersion }, Items = items });

    public void EnqueueList(Func<ListWatchRequest, V1ConfigMapList> answer)
    {
        lock (_lock)
        {
            _lists.Enqueue(answer);
        }
    }

    public void Event(WatchEventType type, V1ConfigMap obj) => _steps.Writer.TryWrite(new Step(type, obj, null, false));

    /// <summary>The server reports an error on the stream (through onError) and closes it.</summary>
    public void Fail(Exception error) => _steps.Writer.TryWrite(new Step(null, null, error, false));

    /// <summary>The server closes the stream normally (a watch timeout).</summary>
    public void End() => _steps.Writer.TryWrite(new Step(null, null, null, true));

    private Task<V1ConfigMapList> ListAsync(IKubernetes client, ListWatchRequest request, CancellationToken ct)
    {
        Func<ListWatchRequest, V1ConfigMapList> answer;
        lock (_lock)
        {
            _listRequests.Add(request);
            if (!_lists.TryDequeue(out answer!))
            {
                throw new InvalidOperationException("no list scripted");
            }
        }

        return Task.FromResult(answer(request));
    }

    private async IAsyncEnumerable<(WatchEventType, V1ConfigMap)> WatchAsync(IKubernetes client, ListWatchRequest request, Action<Exception> onError, [EnumeratorCancellation] CancellationToken ct)
    {
        lock (_lock)
        {
            _watchRequests.Add(request);
        }

        while (true)
        {
            var step = await _steps.Reader.ReadAsync(ct);
            if (step.Error is not null)
            {
                onError(step.Error);
                yield break;
            }

            if (step.End)
            {
                yield break;
            }

            yield return (step.Type!.Value, step.Object!);
        }
    }

    private sealed record Step(WatchEventType? Type, V1ConfigMap? Object, Exception? Error, bool End);
}
