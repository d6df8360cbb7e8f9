namespace Orchestrator.KubeProxy.Backends.Nftables.Netlink;

/// <summary>
/// Applies a plan of <see cref="NftOperation"/>s as one nf_tables transaction straight over netlink, without the
/// <c>nft</c> tool (which first dumps the whole table into its cache: 80-140 ms at 30k chains, for any script).
/// Not thread-safe: one batch at a time.
/// </summary>
internal sealed class NftNetlink(string? networkNamespace)
{
    // EOPNOTSUPP, EPROTONOSUPPORT, EAFNOSUPPORT: the kernel lacks what the batch uses, not a wrong batch.
    private static readonly int[] MissingFeature = [95, 93, 97];
    private uint sequence = (uint)Environment.TickCount;

    // One socket for every batch: closing a NETLINK_NETFILTER socket waits in the kernel (nft_rcv_nl_event ->
    // flush_work) for the deferred release of the last transaction, an RCU grace period: 10-15 ms a sync, more than
    // everything but the commit's validation. A batch that fails in any way drops it (the next one opens a new one),
    // so no reply of an unfinished batch is ever read as the answer to the next.
    private NetlinkSocket? socket;

    /// <summary>
    /// Sends the batch and waits for the kernel's verdict. Throws <see cref="NotSupportedException"/> (nothing sent)
    /// for a command outside the encodable subset, <see cref="NetlinkUnavailableException"/> when the kernel lacks
    /// netlink or a feature, <see cref="NftNetlinkException"/> naming each refused command (nothing applied).
    /// </summary>
    public void Apply(IReadOnlyList<NftOperation> operations)
    {
        if (operations.All(o => o.Kind == NftOperationKind.Remark))
        {
            return;
        }

        var batch = NftBatch.Write(operations, sequence);
        sequence += (uint)operations.Count + 2;
        var errors = Exchange(batch);
        if (errors.Count == 0)
        {
            return;
        }

        socket?.Dispose();
        socket = null;

        var message = string.Join("; ", errors.Select(e =>
            $"{e.Operation?.Text ?? "commit of the batch"}: {Marshal.GetPInvokeErrorMessage(e.Errno)} (errno {e.Errno})"));
        if (errors.Any(e => MissingFeature.Contains(e.Errno)))
        {
            throw new NetlinkUnavailableException("the kernel lacks an nf_tables feature: " + message);
        }

        throw new NftNetlinkException($"nf_tables netlink batch of {operations.Count} commands refused: {message}", errors[0].Errno);
    }

    private List<(NftOperation? Operation, int Errno)> Exchange(NftBatch batch)
    {
        socket ??= NetlinkSocket.Open(networkNamespace);
        var errors = new List<(NftOperation? Operation, int Errno)>();
        try
        {
            socket.Send(batch.Bytes, batch.Length);
            var done = false;
            while (!done)
            {
                socket.Receive((replySequence, errno) =>
                {
                    if (errno != 0 && batch.Contains(replySequence))
                    {
                        errors.Add((batch.OperationOf(replySequence), errno));
                    }

                    done |= replySequence == batch.LastSequence;
                });
            }
        }
        catch
        {
            socket.Dispose();
            socket = null;
            throw;
        }

        return errors;
    }
}
