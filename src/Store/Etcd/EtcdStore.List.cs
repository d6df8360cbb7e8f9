namespace Orchestrator.Store.Etcd;

/// <summary>
/// Lists: one range read per page, every page at the first page's revision (carried in the continue
/// token), so a paged list is one snapshot even while writes go on; etcd's MVCC keeps that snapshot
/// until it is compacted.
/// </summary>
internal sealed partial class EtcdStore
{
    public async Task<ListResult> ListAsync(ListOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Prefix, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Limit, nameof(options));
        ThrowIfDisposed();

        var (start, end) = _keys.Range(options.Prefix);
        long atRevision;
        if (options.Continue is { } token)
        {
            var position = ContinueToken.Decode(token, options.Prefix);
            atRevision = position.Revision;
            start = _keys.After(position.LastKey);
        }
        else
        {
            atRevision = options.AtRevision ?? 0;
            ArgumentOutOfRangeException.ThrowIfNegative(atRevision, nameof(options));
        }

        // Revision 0 reads the newest; the response header then names the revision that was read.
        var request = new RangeRequest { Key = start, RangeEnd = end, Revision = atRevision, Limit = options.Limit };
        RangeResponse response;
        try
        {
            response = await ReadAsync((client, ct) => client.GetAsync(request, cancellationToken: ct), cancellationToken);
        }
        catch (RpcException error) when (IsRevisionError(error))
        {
            throw EtcdErrors.IsCompacted(error)
                ? await CompactedAsync(atRevision, cancellationToken)
                : await FutureAsync(atRevision, cancellationToken);
        }

        var revision = atRevision > 0 ? atRevision : response.Header.Revision;
        var items = response.Kvs.Select(_keys.ToKeyValue).ToList();
        var next = response.More && items.Count > 0 ? new ContinueToken(revision, items[^1].Key).Encode() : null;
        return new ListResult(items, revision, next);
    }
}
