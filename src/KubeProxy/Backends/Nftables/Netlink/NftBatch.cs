namespace Orchestrator.KubeProxy.Backends.Nftables.Netlink;

/// <summary>
/// One nf_tables transaction: <c>NFNL_MSG_BATCH_BEGIN</c>, one message per <see cref="NftOperation"/>,
/// <c>NFNL_MSG_BATCH_END</c>. Message <c>i</c> has sequence number <see cref="FirstSequence"/> + 1 + i, so a reply
/// maps back to the operation that caused it.
/// </summary>
internal sealed class NftBatch
{
    private const string Table = "kube-proxy";

    private NftBatch(byte[] bytes, int length, uint firstSequence, uint lastSequence, IReadOnlyList<NftOperation> operations)
    {
        Bytes = bytes;
        Length = length;
        FirstSequence = firstSequence;
        LastSequence = lastSequence;
        Operations = operations;
    }

    /// <summary>The messages: the first <see cref="Length"/> bytes.</summary>
    public byte[] Bytes { get; }

    public int Length { get; }

    /// <summary>The batch-begin message's sequence number; the kernel reports a failed commit against it.</summary>
    public uint FirstSequence { get; }

    public IReadOnlyList<NftOperation> Operations { get; }

    /// <summary>The sequence number of the last message: the one that asks for an acknowledgement.</summary>
    public uint LastSequence { get; }

    /// <summary>Whether a reply's sequence number belongs to this batch (wrap-around safe).</summary>
    public bool Contains(uint sequence) => sequence - FirstSequence <= LastSequence - FirstSequence;

    /// <summary>The operation a reply's sequence number refers to, or null for the batch itself.</summary>
    public NftOperation? OperationOf(uint sequence) =>
        sequence > FirstSequence && sequence <= FirstSequence + Operations.Count ? Operations[(int)(sequence - FirstSequence - 1)] : null;

    /// <summary>
    /// Encodes <paramref name="operations"/>. Only the last one asks for an acknowledgement: the kernel reports every
    /// failing message anyway and delivers those reports before that acknowledgement, so reading up to it reads all.
    /// Throws <see cref="NotSupportedException"/> for anything outside the subset the renderer writes.
    /// </summary>
    public static NftBatch Write(IReadOnlyList<NftOperation> operations, uint firstSequence)
    {
        var w = new NetlinkWriter(192 * operations.Count);
        var last = -1;
        for (var i = 0; i < operations.Count; i++)
        {
            last = operations[i].Kind == NftOperationKind.Remark ? last : i;
        }

        w.EndMessage(w.BeginMessage(NfTables.BatchBegin, NfTables.FlagRequest, firstSequence, 0, NfTables.SubsystemNfTables));
        for (var i = 0; i < operations.Count; i++)
        {
            // A remark has no message; its sequence number stays unused so that numbers map to operations.
            if (operations[i].Kind != NftOperationKind.Remark)
            {
                Operation(w, operations[i], firstSequence + 1 + (uint)i, i == last ? NfTables.FlagAck : (ushort)0);
            }
        }

        w.EndMessage(w.BeginMessage(NfTables.BatchEnd, NfTables.FlagRequest, firstSequence + 1 + (uint)operations.Count, 0, NfTables.SubsystemNfTables));
        return new NftBatch(w.Buffer, w.Length, firstSequence, firstSequence + 1 + (uint)last, operations);
    }

    private static void Operation(NetlinkWriter w, NftOperation operation, uint sequence, ushort ack)
    {
        const ushort request = NfTables.FlagRequest;
        const ushort create = NfTables.FlagRequest | NfTables.FlagCreate;
        // Every message names the table first (attribute 1 of each kind), then the object, if any, by its name.
        var (type, flags, nameAttribute) = operation.Kind switch
        {
            NftOperationKind.AddTable => (NfTables.NewTable, create, (ushort)0),
            NftOperationKind.DeleteTable => (NfTables.DeleteTable, request, (ushort)0),
            // A rule deletion naming only the chain deletes all its rules.
            NftOperationKind.FlushChain => (NfTables.DeleteRule, request, NfTables.RuleChain),
            NftOperationKind.DeleteChain => (NfTables.DeleteChain, request, NfTables.ChainName),
            NftOperationKind.AddChain => (NfTables.NewChain, create, NfTables.ChainName),
            NftOperationKind.DeleteSet => (NfTables.DeleteSet, request, NfTables.SetName),
            NftOperationKind.AddSet or NftOperationKind.AddMap => (NfTables.NewSet, create, NfTables.SetName),
            NftOperationKind.AddRule => (NfTables.NewRule, create | NfTables.FlagAppend, NfTables.RuleChain),
            NftOperationKind.AddElement => (NfTables.NewSetElement, create, NfTables.ElementListSet),
            NftOperationKind.DeleteElement => (NfTables.DeleteSetElement, request, NfTables.ElementListSet),
            _ => throw new NotSupportedException($"the netlink transport has no encoding for {operation.Kind}"),
        };
        var message = w.BeginMessage(type, (ushort)(flags | ack), sequence, NfTables.FamilyIpv4, 0);
        w.String(NfTables.TableName, Table);
        if (nameAttribute != 0)
        {
            w.String(nameAttribute, operation.Name);
        }

        switch (operation.Kind)
        {
            case NftOperationKind.AddTable:
                NftDefinition.Table(w, operation.Definition);
                break;
            case NftOperationKind.AddChain:
                NftDefinition.Chain(w, operation.Definition);
                break;
            case NftOperationKind.AddSet or NftOperationKind.AddMap:
                // The kernel requires an ID (unique in the batch) on every new set, for references by ID; ours go by name.
                NftDefinition.Set(w, operation.Definition, sequence);
                break;
            case NftOperationKind.AddRule:
                NftRuleCompiler.Write(w, operation.Rule!);
                break;
            case NftOperationKind.AddElement or NftOperationKind.DeleteElement:
                NftElementEncoder.Write(w, operation.Element!, withData: operation.Kind == NftOperationKind.AddElement);
                break;
        }

        w.EndMessage(message);
    }
}
