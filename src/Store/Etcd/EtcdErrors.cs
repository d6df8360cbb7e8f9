namespace Orchestrator.Store.Etcd;

/// <summary>Recognizes etcd's revision errors, which arrive as gRPC statuses with a fixed message.</summary>
internal static class EtcdErrors
{
    /// <summary>"etcdserver: mvcc: required revision has been compacted" (a read or compaction below the compaction point).</summary>
    public static bool IsCompacted(RpcException error) =>
        error.Status.Detail.Contains("required revision has been compacted", StringComparison.Ordinal);

    /// <summary>"etcdserver: mvcc: required revision is a future revision" (a read or compaction past the newest write).</summary>
    public static bool IsFutureRevision(RpcException error) =>
        error.Status.Detail.Contains("required revision is a future revision", StringComparison.Ordinal);
}
