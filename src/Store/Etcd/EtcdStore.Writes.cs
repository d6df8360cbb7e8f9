using Google.Protobuf;
using static Etcdserverpb.Compare.Types;

namespace Orchestrator.Store.Etcd;

/// <summary>
/// Writes: one etcd transaction each, comparing the key's create or mod revision so the check and
/// the write are atomic. The failure branch reads the key, so a conflict reports the current value
/// without a second round trip. Failed comparisons write nothing and consume no revision. Creates
/// and updates are repeated after an unknown outcome (see <see cref="WriteAsync"/>): a repeat whose
/// compare fails on a key holding exactly our bytes is our earlier attempt, and reports success.
/// </summary>
internal sealed partial class EtcdStore
{
    public async Task<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ThrowIfDisposed();
        var etcdKey = _keys.Key(key);
        var txn = new TxnRequest();
        txn.Compare.Add(new Compare { Key = etcdKey, Target = CompareTarget.Create, Result = CompareResult.Equal, CreateRevision = 0 });
        txn.Success.Add(new RequestOp { RequestPut = await PutAsync(etcdKey, value, ttl, cancellationToken) });
        txn.Failure.Add(new RequestOp { RequestRange = new RangeRequest { Key = etcdKey } });

        var (response, repeated) = await WriteAsync(txn, compareAndSwap: true, cancellationToken);
        if (!response.Succeeded)
        {
            return repeated && OurEarlierWrite(key, value, response) is { } ours ? ours : throw new StoreKeyExistsException(key);
        }

        var revision = response.Header.Revision;
        return new KeyValue(key, value.ToArray(), revision, revision);
    }

    public async Task<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        // A positive mod revision also proves the key exists: an absent key compares as 0.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedModRevision);
        ThrowIfDisposed();
        var etcdKey = _keys.Key(key);
        var put = await PutAsync(etcdKey, value, ttl, cancellationToken);
        put.PrevKv = true;
        var txn = new TxnRequest();
        txn.Compare.Add(new Compare { Key = etcdKey, Target = CompareTarget.Mod, Result = CompareResult.Equal, ModRevision = expectedModRevision });
        txn.Success.Add(new RequestOp { RequestPut = put });
        txn.Failure.Add(new RequestOp { RequestRange = new RangeRequest { Key = etcdKey } });

        var (response, repeated) = await WriteAsync(txn, compareAndSwap: true, cancellationToken);
        if (!response.Succeeded)
        {
            return repeated && OurEarlierWrite(key, value, response) is { ModRevision: var mod } ours && mod > expectedModRevision
                ? ours
                : throw Rejected(key, expectedModRevision, response);
        }

        var previous = response.Responses[0].ResponsePut.PrevKv
            ?? throw new InvalidOperationException($"etcd updated \"{key}\" without returning its previous value");
        return new KeyValue(key, value.ToArray(), previous.CreateRevision, response.Header.Revision);
    }

    public async Task<KeyValue> DeleteAsync(string key, long? expectedModRevision = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (expectedModRevision is { } expected)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expected, nameof(expectedModRevision));
        }

        ThrowIfDisposed();
        var etcdKey = _keys.Key(key);
        var txn = new TxnRequest();
        txn.Compare.Add(expectedModRevision is { } mod
            ? new Compare { Key = etcdKey, Target = CompareTarget.Mod, Result = CompareResult.Equal, ModRevision = mod }
            : new Compare { Key = etcdKey, Target = CompareTarget.Create, Result = CompareResult.Greater, CreateRevision = 0 });
        txn.Success.Add(new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = etcdKey, PrevKv = true } });
        txn.Failure.Add(new RequestOp { RequestRange = new RangeRequest { Key = etcdKey } });

        // Not repeated after an unknown outcome: a repeat finding the key gone cannot tell our delete from another's.
        var (response, _) = await WriteAsync(txn, compareAndSwap: false, cancellationToken);
        if (!response.Succeeded)
        {
            throw Rejected(key, expectedModRevision ?? 0, response);
        }

        var deleted = response.Responses[0].ResponseDeleteRange.PrevKvs;
        if (deleted.Count == 0)
        {
            throw new InvalidOperationException($"etcd deleted \"{key}\" without returning its value");
        }

        return new KeyValue(key, deleted[0].Value.ToByteArray(), deleted[0].CreateRevision, response.Header.Revision);
    }

    /// <summary>The put of a write; with a TTL it is attached to a (shared) lease.</summary>
    private async Task<PutRequest> PutAsync(ByteString etcdKey, ReadOnlyMemory<byte> value, TimeSpan? ttl, CancellationToken cancellationToken) => new()
    {
        Key = etcdKey,
        Value = ByteString.CopyFrom(value.Span),
        Lease = ttl is { } span ? await _leases.GetAsync(span, cancellationToken) : 0,
    };

    /// <summary>The key as the failure branch read it, if it holds exactly <paramref name="value"/>: then an earlier attempt of this write applied.</summary>
    private KeyValue? OurEarlierWrite(string key, ReadOnlyMemory<byte> value, TxnResponse response)
    {
        var current = response.Responses[0].ResponseRange.Kvs;
        return current.Count == 1 && current[0].Value.Span.SequenceEqual(value.Span)
            ? new KeyValue(key, value.ToArray(), current[0].CreateRevision, current[0].ModRevision)
            : null;
    }

    /// <summary>Why a compare failed, from the failure branch's read of the key.</summary>
    private StoreException Rejected(string key, long expectedModRevision, TxnResponse response)
    {
        var current = response.Responses[0].ResponseRange.Kvs;
        return current.Count == 0
            ? new StoreKeyNotFoundException(key)
            : new StoreConflictException(_keys.ToKeyValue(current[0]), expectedModRevision);
    }
}
