using System.Runtime.CompilerServices;
using static Mvccpb.Event.Types;

namespace Orchestrator.Store.Etcd;

/// <summary>
/// Runs one etcd watch on its own bidirectional stream and turns its responses into store events.
/// etcd delivers a watch's events in revision order without gaps or duplicates; this class passes
/// them on one by one, in order, and adds progress events while the watch is idle.
/// </summary>
internal sealed class EtcdWatch(Watch.WatchClient client, EtcdKeySpace keys, TimeProvider time, CancellationToken storeDisposing)
{
    private static readonly WatchRequest ProgressRequest = new() { ProgressRequest = new WatchProgressRequest() };

    public async IAsyncEnumerable<WatchEvent> ReadAsync(
        WatchCreateRequest create,
        long fromRevision,
        TimeSpan? progressInterval,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Per enumeration: the sequence may be enumerated more than once.
        var progress = progressInterval is { } interval ? new EtcdWatchProgress(time, interval) : null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, storeDisposing);
        // Disposing the call (when the consumer stops or the token fires) cancels the stream, which
        // ends the watch in etcd as well.
        using var call = client.Watch(cancellationToken: stop.Token);
        Task<bool>? next = null;
        try
        {
            await SendAsync(call, new WatchRequest { CreateRequest = create }, cancellationToken);
            var delivered = fromRevision;
            while (true)
            {
                next ??= call.ResponseStream.MoveNext(CancellationToken.None);
                if (progress is not null && !await CompletesWithinAsync(next, progress.UntilDue(), stop.Token))
                {
                    if (progress.TakeSettled() is { } caughtUp)
                    {
                        delivered = caughtUp;
                        yield return new WatchEvent(WatchEventType.Progress, caughtUp, null, null);
                    }

                    if (progress.TakeRequestDue())
                    {
                        await SendAsync(call, ProgressRequest, cancellationToken);
                    }

                    continue;
                }

                var received = await ReceiveAsync(next, cancellationToken);
                next = null;
                if (!received)
                {
                    throw new IOException("etcd ended the watch stream without cancelling the watch");
                }

                var response = call.ResponseStream.Current;
                if (response.CompactRevision > 0)
                {
                    // Events after the last delivered revision are gone (on the first MoveNext that is fromRevision).
                    throw new StoreCompactedException(delivered, response.CompactRevision);
                }

                if (response.Canceled)
                {
                    throw new InvalidOperationException($"etcd cancelled the watch: {response.CancelReason}");
                }

                if (response.Events.Count == 0)
                {
                    // Either the create acknowledgement or a progress report (requested or etcd's own timer).
                    if (response.Created)
                    {
                        progress?.OnResponse();
                    }
                    else
                    {
                        progress?.OnProgress(response.Header.Revision, delivered);
                    }

                    continue;
                }

                foreach (var change in response.Events)
                {
                    var watchEvent = ToWatchEvent(change);
                    delivered = watchEvent.Revision;
                    yield return watchEvent;
                }

                progress?.OnEvents(delivered);
            }
        }
        finally
        {
            // The pending read fails once the call is disposed; nobody awaits it any more.
            _ = next?.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private WatchEvent ToWatchEvent(Mvccpb.Event change)
    {
        var previous = change.PrevKv is { } prevKv ? keys.ToKeyValue(prevKv) : null;
        var revision = change.Kv.ModRevision;
        if (change.Type == EventType.Delete)
        {
            // etcd reads prev_kv just before sending; without it a delete has no value to report.
            // kube-apiserver treats this as an error too.
            if (previous is null)
            {
                throw new InvalidOperationException($"etcd sent a delete of \"{change.Kv.Key.ToStringUtf8()}\" at revision {revision} without its previous value");
            }

            return new WatchEvent(WatchEventType.Deleted, revision, previous with { ModRevision = revision }, previous);
        }

        var current = keys.ToKeyValue(change.Kv);
        var type = current.CreateRevision == revision ? WatchEventType.Created : WatchEventType.Updated;
        return new WatchEvent(type, revision, current, type == WatchEventType.Updated ? previous : null);
    }

    /// <summary>True when <paramref name="next"/> completes within <paramref name="delay"/>, false when the delay passes first.</summary>
    private async Task<bool> CompletesWithinAsync(Task<bool> next, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (next.IsCompleted)
        {
            return true;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var elapsed = Task.Delay(delay, time, timer.Token);
        var first = await Task.WhenAny(next, elapsed);
        await timer.CancelAsync();
        if (first == next)
        {
            return true;
        }

        ThrowIfStopped(cancellationToken);
        return false;
    }

    private async Task<bool> ReceiveAsync(Task<bool> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next;
        }
        catch (Exception e) when (Stopped(e, cancellationToken))
        {
            ThrowIfStopped(cancellationToken);
            throw;
        }
    }

    private async Task SendAsync(AsyncDuplexStreamingCall<WatchRequest, WatchResponse> call, WatchRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await call.RequestStream.WriteAsync(request, CancellationToken.None);
        }
        catch (Exception e) when (Stopped(e, cancellationToken))
        {
            ThrowIfStopped(cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// Whether <paramref name="error"/> is the call ending because the consumer or the store stopped it: gRPC reports a
    /// cancelled call as <c>RpcException(Cancelled)</c> or as <see cref="OperationCanceledException"/>, depending on where
    /// the stream was; both become the consumer's <see cref="OperationCanceledException"/> or the store's
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    private bool Stopped(Exception error, CancellationToken cancellationToken) =>
        error is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled }
        && (storeDisposing.IsCancellationRequested || cancellationToken.IsCancellationRequested);

    private void ThrowIfStopped(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(storeDisposing.IsCancellationRequested, typeof(EtcdStore));
        cancellationToken.ThrowIfCancellationRequested();
    }
}
