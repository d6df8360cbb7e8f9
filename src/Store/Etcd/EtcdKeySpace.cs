using Google.Protobuf;

namespace Orchestrator.Store.Etcd;

/// <summary>
/// Maps store keys to etcd keys under one prefix and back, the way kube-apiserver lays out
/// <c>/registry/pods/...</c>: with a prefix <c>/registry</c>, key <c>/pods/a</c> is etcd key
/// <c>/registry/pods/a</c>.
/// </summary>
/// <remarks>
/// With a prefix, every key must start with '/', and the store's whole key space is the etcd range
/// under <c>prefix + "/"</c>. That is what keeps stores apart: "/registry" never sees the keys of
/// "/registry2" (a plain byte prefix would). Prefixes nested inside each other ("/a" and "/a/b")
/// still overlap and must not share an etcd.
/// </remarks>
internal sealed class EtcdKeySpace
{
    // etcd rejects an empty key; "\0" with range end "\0" is its spelling of "every key".
    private static readonly ByteString Zero = ByteString.CopyFrom(0);

    private readonly byte[] _prefix;

    public EtcdKeySpace(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0 && (prefix[0] != '/' || prefix[^1] == '/'))
        {
            throw new ArgumentException($"key prefix \"{prefix}\" must start with '/' and not end with it (keys bring their own leading '/'), e.g. \"/registry\"", nameof(prefix));
        }

        _prefix = KeyRange.Bytes(prefix);
    }

    private bool Prefixed => _prefix.Length > 0;

    /// <summary>The etcd key of <paramref name="key"/>.</summary>
    public ByteString Key(string key)
    {
        RequireRooted(key, nameof(key));
        return Join(KeyRange.Bytes(key));
    }

    /// <summary>The smallest etcd key after <paramref name="key"/>: where the next page of a list starts.</summary>
    public ByteString After(string key)
    {
        RequireRooted(key, nameof(key));
        return Join(KeyRange.After(key));
    }

    /// <summary>The etcd range [Start, End) of every key starting with <paramref name="keyPrefix"/>.</summary>
    public (ByteString Start, ByteString End) Range(string keyPrefix)
    {
        if (Prefixed && keyPrefix.Length == 0)
        {
            keyPrefix = "/";
        }

        RequireRooted(keyPrefix, nameof(keyPrefix));
        var start = Join(KeyRange.Bytes(keyPrefix));
        var end = KeyRange.PrefixEnd(start.Span);
        return (start.IsEmpty ? Zero : start, end is null ? Zero : UnsafeByteOperations.UnsafeWrap(end));
    }

    /// <summary>The store key of an etcd key from this key space.</summary>
    public string Strip(ByteString etcdKey)
    {
        var bytes = etcdKey.Span;
        if (!bytes.StartsWith(_prefix))
        {
            // A range read or watch never leaves the prefix: this would be a bug, not data to pass on.
            throw new InvalidOperationException($"etcd returned key \"{etcdKey.ToStringUtf8()}\" outside the store's key prefix");
        }

        return Encoding.UTF8.GetString(bytes[_prefix.Length..]);
    }

    /// <summary>An etcd key-value from this key space as a store value.</summary>
    public KeyValue ToKeyValue(Mvccpb.KeyValue kv) =>
        new(Strip(kv.Key), kv.Value.ToByteArray(), kv.CreateRevision, kv.ModRevision);

    private void RequireRooted(string key, string parameter)
    {
        ArgumentNullException.ThrowIfNull(key, parameter);
        if (Prefixed && !key.StartsWith('/'))
        {
            throw new ArgumentException($"\"{key}\" must start with '/' in a store with a key prefix", parameter);
        }
    }

    private ByteString Join(byte[] key)
    {
        var joined = new byte[_prefix.Length + key.Length];
        _prefix.CopyTo(joined, 0);
        key.CopyTo(joined, _prefix.Length);
        return UnsafeByteOperations.UnsafeWrap(joined);
    }
}
