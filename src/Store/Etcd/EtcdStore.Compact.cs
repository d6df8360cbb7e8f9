namespace Orchestrator.Store.Etcd;

/// <summary>Compaction, and finding out how far etcd has compacted.</summary>
internal sealed partial class EtcdStore
{
    /// <summary>How long to wait for etcd to name its compaction point before settling for a lower bound.</summary>
    private static readonly TimeSpan CompactProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(revision);
        ThrowIfDisposed();
        try
        {
            // Physical: return only once the old revisions are gone, so the effect is observable at once.
            await _members.Current.Client.CompactAsync(new CompactionRequest { Revision = revision, Physical = true }, cancellationToken: cancellationToken);
        }
        catch (RpcException error) when (EtcdErrors.IsCompacted(error))
        {
            // Already compacted at or past this revision: nothing to do.
        }
        catch (RpcException error) when (EtcdErrors.IsFutureRevision(error))
        {
            throw await FutureAsync(revision, cancellationToken);
        }
    }

    /// <summary>
    /// etcd's compaction point. A range read below it only says "compacted"; a watch from below it
    /// is cancelled with the compaction revision, so open one and read the answer.
    /// </summary>
    private async Task<long> FindCompactRevisionAsync(long belowRevision, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        timeout.CancelAfter(CompactProbeTimeout);
        try
        {
            using var call = _members.Current.Watch.Watch(cancellationToken: timeout.Token);
            var (key, _) = _keys.Range("");
            await call.RequestStream.WriteAsync(new WatchRequest
            {
                CreateRequest = new WatchCreateRequest { Key = key, StartRevision = Math.Max(1, belowRevision) },
            }, timeout.Token);
            while (await call.ResponseStream.MoveNext(timeout.Token))
            {
                var response = call.ResponseStream.Current;
                if (response.CompactRevision > 0)
                {
                    return response.CompactRevision;
                }

                if (response.Events.Count > 0 || response.Canceled)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // etcd did not say in time; fall through to the lower bound.
        }

        // Only the lower bound is known: the failed revision itself was compacted.
        return belowRevision + 1;
    }
}
