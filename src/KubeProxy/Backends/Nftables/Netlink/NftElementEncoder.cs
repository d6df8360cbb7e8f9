using System.Buffers.Binary;

namespace Orchestrator.KubeProxy.Backends.Nftables.Netlink;

/// <summary>
/// A set or map element as <c>NFTA_SET_ELEM_LIST_*</c>: the key's fields (IPv4 address, <c>inet_proto</c>,
/// <c>inet_service</c>) each padded to 4 bytes as concatenations are, the verdict, the comment as user data.
/// </summary>
internal static class NftElementEncoder
{
    /// <summary>The element list of a NEWSETELEM / DELSETELEM message (its table and set are written before).</summary>
    public static void Write(NetlinkWriter w, NftElement element, bool withData)
    {
        var list = w.BeginNested(NfTables.ElementListElements);
        var item = w.BeginNested(NfTables.ListElement);
        NftExpressions.Data(w, NfTables.ElementKey, Key(element));
        if (withData && element.Value is not null)
        {
            var (code, chain) = NftRuleCompiler.Verdict(element.Value, element.Text);
            NftExpressions.VerdictData(w, NfTables.ElementData, code, chain);
        }

        if (withData && element.Comment is not null)
        {
            w.Bytes(NfTables.ElementUserData, NftRuleCompiler.UserDataComment(element.Comment));
        }

        w.EndNested(item);
        w.EndNested(list);
    }

    public static byte[] Key(NftElement element)
    {
        var fields = element.Key.Split(" . ");
        var key = new byte[4 * fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = key.AsSpan(4 * i, 4);
            var text = fields[i];
            if (text.Contains('.', StringComparison.Ordinal))
            {
                NftRuleCompiler.Ipv4(text, element.Text).CopyTo(field);
            }
            else if (ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                BinaryPrimitives.WriteUInt16BigEndian(field, port);
            }
            else
            {
                field[0] = NftRuleCompiler.Protocol(text, element.Text);
            }
        }

        return key;
    }
}
