using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;

namespace Orchestrator.Client;

/// <summary>
/// The <see cref="IEventRecorder"/> of one component (source.component, e.g. "default-scheduler"):
/// a bounded channel drained by one background writer. Repeats within the same process are
/// aggregated onto the first Event by a merge patch of count and lastTimestamp.
/// </summary>
public sealed partial class EventRecorder : IEventRecorder, IAsyncDisposable
{
    private const int Capacity = 10_000;
    private readonly IKubernetes _client;
    private readonly string _component;
    private readonly string? _host;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<(string Component, V1ObjectReference Regarding, string Type, string Reason, string Message)> _pending =
        Channel.CreateBounded<(string, V1ObjectReference, string, string, string)>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly ConcurrentDictionary<(string Component, string? Uid, string? Name, string Type, string Reason, string Message), (string Namespace, string Name, int Count)> _recent = new();
    private readonly Task _writer;

    public EventRecorder(IKubernetes client, string component, ILogger logger, TimeProvider? time = null, string? host = null)
    {
        _client = client;
        _component = component;
        _host = host;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _writer = Task.Run(WriteAllAsync);
    }

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message) =>
        Record(_component, regarding, type, reason, message);

    /// <summary>
    /// The events of one part of this component under its own source (upstream's controllers each have a recorder:
    /// "deployment-controller", "horizontal-pod-autoscaler"), written by this recorder's one writer.
    /// </summary>
    public IEventRecorder For(string component) => component == _component ? this : new Source(this, component);

    private void Record(string component, IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message)
    {
        if (!_pending.Writer.TryWrite((component, ObjectReferences.For(regarding), type, reason, message)))
        {
            LogDropped(reason);
        }
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAllAsync()
    {
        await foreach (var (component, regarding, type, reason, message) in _pending.Reader.ReadAllAsync())
        {
            try
            {
                await WriteAsync(component, regarding, type, reason, message);
            }
            catch (Exception e)
            {
                LogFailed(e, reason, regarding.Name);
            }
        }
    }

    private async Task WriteAsync(string component, V1ObjectReference regarding, string type, string reason, string message)
    {
        // Whole seconds, the precision of metav1.Time: firstTimestamp and the patched lastTimestamp must compare sanely.
        var utc = _time.GetUtcNow().UtcDateTime;
        var now = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var key = (component, regarding.Uid, regarding.Name, type, reason, message);
        if (_recent.TryGetValue(key, out var seen))
        {
            var count = seen.Count + 1;
            var patch = new V1Patch(
                string.Create(CultureInfo.InvariantCulture, $$"""{"count":{{count}},"lastTimestamp":"{{now:yyyy-MM-dd'T'HH:mm:ss'Z'}}"}"""),
                V1Patch.PatchType.MergePatch);
            try
            {
                await _client.CoreV1.PatchNamespacedEventAsync(patch, seen.Name, seen.Namespace);
                _recent[key] = (seen.Namespace, seen.Name, count);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                _recent.TryRemove(key, out _); // the event expired or was deleted: start a new one
            }
        }

        var ns = string.IsNullOrEmpty(regarding.NamespaceProperty) ? "default" : regarding.NamespaceProperty;
        var name = $"{regarding.Name}.{_time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000):x}";
        var ev = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            InvolvedObject = regarding,
            Type = type,
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = component, Host = _host },
            ReportingComponent = component,
            ReportingInstance = _host ?? component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        await _client.CoreV1.CreateNamespacedEventAsync(ev, ns);
        if (_recent.Count > Capacity)
        {
            _recent.Clear();
        }

        _recent[key] = (ns, name, 1);
    }

    private sealed class Source(EventRecorder recorder, string component) : IEventRecorder
    {
        public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message) =>
            recorder.Record(component, regarding, type, reason, message);

        public IEventRecorder For(string other) => recorder.For(other);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Reason} dropped: too many events queued")]
    private partial void LogDropped(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Reason} about {Name} could not be written")]
    private partial void LogFailed(Exception e, string reason, string name);
}
