namespace Orchestrator.KubeProxy.Backends.Nftables.Netlink;

/// <summary>
/// The <c>{ clause ; clause ; }</c> of a table, chain, set or map as the renderers write it, encoded as the attributes
/// <c>nft</c> sends for it (user data included, so <c>nft list</c> prints the same definition back).
/// </summary>
internal static class NftDefinition
{
    // What nft records for a map keyed by a concatenation (byte orders, and the rest as it sends it), then the comment.
    private static readonly byte[] MapUserData = [0, 4, 0, 0, 0, 0, 1, 4, 0, 0, 0, 0, 3, 8, 0, 4, 13, 0, 0, 0, 1, 0, 6, 4, 0, 0, 0, 0];
    private const byte SetComment = 7;

    private static readonly Dictionary<string, uint> Hooks = new(StringComparer.Ordinal)
    {
        ["prerouting"] = 0, ["input"] = 1, ["forward"] = 2, ["output"] = 3, ["postrouting"] = 4,
    };

    // nft's datatype numbers and the bytes each takes in a key (a concatenation pads each field to 4).
    private static readonly Dictionary<string, (uint Type, uint Length)> KeyTypes = new(StringComparer.Ordinal)
    {
        ["ipv4_addr"] = (7, 4), ["inet_proto"] = (12, 1), ["inet_service"] = (13, 2),
    };

    /// <summary>The comment TLV of a table (NFTA_TABLE_USERDATA), or nothing without a definition.</summary>
    public static void Table(NetlinkWriter w, string? definition)
    {
        w.U32(2, 0); // NFTA_TABLE_FLAGS
        foreach (var clause in Clauses(definition))
        {
            w.Bytes(6, NftRuleCompiler.UserDataComment(Comment(clause, definition!))); // NFTA_TABLE_USERDATA
        }
    }

    /// <summary><c>type T hook H priority P</c> (a base chain) or <c>comment "…"</c>.</summary>
    public static void Chain(NetlinkWriter w, string? definition)
    {
        foreach (var clause in Clauses(definition))
        {
            var words = clause.Split(' ');
            if (words is ["type", var type, "hook", var hook, "priority", var priority] && Hooks.TryGetValue(hook, out var number) &&
                int.TryParse(priority, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                w.String(7, type); // NFTA_CHAIN_TYPE
                var nested = w.BeginNested(4); // NFTA_CHAIN_HOOK
                w.U32(1, number); // NFTA_HOOK_HOOKNUM
                w.U32(2, unchecked((uint)value)); // NFTA_HOOK_PRIORITY
                w.EndNested(nested);
            }
            else
            {
                w.Bytes(12, NftRuleCompiler.UserDataComment(Comment(clause, definition!))); // NFTA_CHAIN_USERDATA
            }
        }
    }

    /// <summary><c>type K [. K]* [: verdict]</c>, <c>flags dynamic,timeout</c>, <c>timeout Ns</c>, <c>comment "…"</c>.</summary>
    public static void Set(NetlinkWriter w, string? definition, uint id)
    {
        var flags = 0u;
        uint keyType = 0, keyLength = 0;
        var fields = 0;
        var map = false;
        ulong? timeout = null;
        string? comment = null;
        foreach (var clause in Clauses(definition))
        {
            if (clause.StartsWith("type ", StringComparison.Ordinal))
            {
                var type = clause[5..];
                map = type.EndsWith(" : verdict", StringComparison.Ordinal);
                foreach (var key in (map ? type[..^" : verdict".Length] : type).Split(" . "))
                {
                    var (number, length) = KeyTypes.TryGetValue(key, out var known) ? known : throw Unsupported(key, definition!);
                    keyType = (keyType << 6) | number;
                    keyLength += length;
                    fields++;
                }
            }
            else if (clause == "flags dynamic,timeout")
            {
                flags |= NfTables.SetFlagTimeout | NfTables.SetFlagEval;
            }
            else if (clause.StartsWith("timeout ", StringComparison.Ordinal) && clause.EndsWith('s') &&
                ulong.TryParse(clause.AsSpan(8, clause.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                timeout = seconds * 1000;
            }
            else
            {
                comment = Comment(clause, definition!);
            }
        }

        if (fields == 0)
        {
            throw Unsupported("no type", definition ?? "");
        }

        w.U32(NfTables.SetFlags, flags | (map ? 8u : 0u)); // NFT_SET_MAP
        w.U32(NfTables.SetKeyType, keyType);
        w.U32(NfTables.SetKeyLength, fields > 1 ? 4 * (uint)fields : keyLength);
        if (map)
        {
            w.U32(6, 0xffffff00); // NFTA_SET_DATA_TYPE = NFT_DATA_VERDICT
            w.U32(7, 0); // NFTA_SET_DATA_LEN
        }

        w.U32(NfTables.SetId, id);
        if (timeout is { } milliseconds)
        {
            w.U64(NfTables.SetTimeout, milliseconds);
        }

        byte[] userData = map ? MapUserData : [NfTables.UserDataSetKeyByteOrder, 4, .. BitConverter.GetBytes(NfTables.ByteOrderBigEndian)];
        if (comment is not null)
        {
            var tlv = NftRuleCompiler.UserDataComment(comment);
            tlv[0] = SetComment;
            userData = [.. userData, .. tlv];
        }

        w.Bytes(NfTables.SetUserData, userData);
    }

    private static string[] Clauses(string? definition)
    {
        if (definition is null)
        {
            return [];
        }

        return definition.StartsWith("{ ", StringComparison.Ordinal) && definition.EndsWith(" ; }", StringComparison.Ordinal)
            ? definition[2..^4].Split(" ; ")
            : throw Unsupported(definition, definition);
    }

    private static string Comment(string clause, string definition) =>
        clause.StartsWith("comment \"", StringComparison.Ordinal) && clause.EndsWith('"') && clause.Length > 10
            ? clause[9..^1]
            : throw Unsupported(clause, definition);

    private static NotSupportedException Unsupported(string clause, string definition) =>
        new($"the netlink transport cannot encode '{clause}' in '{definition}'");
}
