namespace Orchestrator.KubeProxy.Backends.Nftables.Netlink;

/// <summary>
/// nf_tables expressions (<c>enum nft_*_attributes</c> of nf_tables.h) as <c>nft</c> would send them for the
/// statements our renderer writes; registers are the 16-byte NFT_REG_1 / NFT_REG_2, the verdict register is 0.
/// </summary>
internal static class NftExpressions
{
    public const uint Register1 = 1;
    public const uint Register2 = 2;
    public const uint CompareEqual = 0;
    public const uint CompareNotEqual = 1;

    public const uint NetworkHeader = 1;
    public const uint TransportHeader = 2;
    public const uint MetaMark = 3;
    public const uint MetaLayer4Protocol = 16;

    /// <summary><c>payload load LEN @ BASE header + OFFSET => reg N</c>.</summary>
    public static void Payload(NetlinkWriter w, uint offset, uint length, uint register = Register1, uint header = NetworkHeader)
    {
        var expression = Begin(w, "payload");
        w.U32(1, register); // NFTA_PAYLOAD_DREG
        w.U32(2, header); // NFTA_PAYLOAD_BASE
        w.U32(3, offset);
        w.U32(4, length);
        End(w, expression);
    }

    /// <summary><c>bitwise reg 1 = (reg 1 &amp; MASK) ^ XOR</c> (XOR zero when not given).</summary>
    public static void Mask(NetlinkWriter w, byte[] mask, byte[]? xor = null)
    {
        var expression = Begin(w, "bitwise");
        w.U32(1, Register1); // NFTA_BITWISE_SREG
        w.U32(2, Register1); // NFTA_BITWISE_DREG
        w.U32(3, (uint)mask.Length);
        Data(w, 4, mask); // NFTA_BITWISE_MASK
        Data(w, 5, xor ?? new byte[mask.Length]); // NFTA_BITWISE_XOR
        End(w, expression);
    }

    public static void Compare(NetlinkWriter w, uint operation, ReadOnlySpan<byte> value)
    {
        var expression = Begin(w, "cmp");
        w.U32(1, Register1); // NFTA_CMP_SREG
        w.U32(2, operation);
        Data(w, 3, value); // NFTA_CMP_DATA
        End(w, expression);
    }

    /// <summary><c>immediate reg 0 VERDICT</c>: the rule's jump, goto, drop, ….</summary>
    public static void Verdict(NetlinkWriter w, int code, string? chain)
    {
        var expression = Begin(w, "immediate");
        w.U32(1, 0); // NFTA_IMMEDIATE_DREG = NFT_REG_VERDICT
        VerdictData(w, 2, code, chain); // NFTA_IMMEDIATE_DATA
        End(w, expression);
    }

    /// <summary><c>immediate reg N VALUE</c>.</summary>
    public static void Immediate(NetlinkWriter w, uint register, byte[] value)
    {
        var expression = Begin(w, "immediate");
        w.U32(1, register);
        Data(w, 2, value);
        End(w, expression);
    }

    /// <summary><c>lookup reg 1 set NAME</c>, or with <paramref name="verdictMap"/> <c>lookup reg 1 set NAME dreg 0</c> (vmap).</summary>
    public static void Lookup(NetlinkWriter w, string set, bool verdictMap = false)
    {
        var expression = Begin(w, "lookup");
        w.U32(2, Register1); // NFTA_LOOKUP_SREG
        if (verdictMap)
        {
            w.U32(3, 0); // NFTA_LOOKUP_DREG = NFT_REG_VERDICT
        }

        w.String(1, set); // NFTA_LOOKUP_SET
        End(w, expression);
    }

    /// <summary><c>numgen reg 1 = random mod N</c>.</summary>
    public static void RandomNumber(NetlinkWriter w, uint modulus)
    {
        var expression = Begin(w, "numgen");
        w.U32(1, Register1); // NFTA_NG_DREG
        w.U32(2, modulus);
        w.U32(3, 1); // NFTA_NG_TYPE = NFT_NG_RANDOM
        w.U32(4, 0); // NFTA_NG_OFFSET
        End(w, expression);
    }

    /// <summary><c>dynset update reg_key 1 set NAME</c>.</summary>
    public static void UpdateSet(NetlinkWriter w, string set)
    {
        var expression = Begin(w, "dynset");
        w.U32(4, Register1); // NFTA_DYNSET_SREG_KEY
        w.U32(3, 1); // NFTA_DYNSET_OP = NFT_DYNSET_OP_UPDATE
        w.String(1, set); // NFTA_DYNSET_SET_NAME
        End(w, expression);
    }

    /// <summary><c>meta load KEY => reg N</c>.</summary>
    public static void MetaLoad(NetlinkWriter w, uint key, uint register = Register1)
    {
        var expression = Begin(w, "meta");
        w.U32(2, key); // NFTA_META_KEY
        w.U32(1, register); // NFTA_META_DREG
        End(w, expression);
    }

    /// <summary><c>meta set KEY with reg 1</c>.</summary>
    public static void MetaSet(NetlinkWriter w, uint key)
    {
        var expression = Begin(w, "meta");
        w.U32(2, key); // NFTA_META_KEY
        w.U32(3, Register1); // NFTA_META_SREG
        End(w, expression);
    }

    /// <summary><c>ct load state => reg 1</c>.</summary>
    public static void ConnectionState(NetlinkWriter w)
    {
        var expression = Begin(w, "ct");
        w.U32(2, 0); // NFTA_CT_KEY = NFT_CT_STATE
        w.U32(1, Register1); // NFTA_CT_DREG
        End(w, expression);
    }

    /// <summary><c>masq flags NF_NAT_RANGE_PROTO_RANDOM_FULLY</c>.</summary>
    public static void MasqueradeFullyRandom(NetlinkWriter w)
    {
        var expression = Begin(w, "masq");
        w.U32(1, 0x10); // NFTA_MASQ_FLAGS
        End(w, expression);
    }

    /// <summary><c>reject type icmp code port-unreachable</c> (what plain <c>reject</c> means in table family ip).</summary>
    public static void Reject(NetlinkWriter w)
    {
        var expression = Begin(w, "reject");
        w.U32(1, 0); // NFTA_REJECT_TYPE = NFT_REJECT_ICMP_UNREACH
        w.Bytes(2, [3]); // NFTA_REJECT_ICMP_CODE = port unreachable
        End(w, expression);
    }

    /// <summary><c>nat dnat ip addr_min reg 1 proto_min reg 2 flags NF_NAT_RANGE_PROTO_SPECIFIED</c>.</summary>
    public static void DestinationNat(NetlinkWriter w)
    {
        var expression = Begin(w, "nat");
        w.U32(1, 1); // NFTA_NAT_TYPE = NFT_NAT_DNAT
        w.U32(2, NfTables.FamilyIpv4);
        w.U32(3, Register1); // NFTA_NAT_REG_ADDR_MIN
        w.U32(5, Register2); // NFTA_NAT_REG_PROTO_MIN
        w.U32(7, 2); // NFTA_NAT_FLAGS
        End(w, expression);
    }

    /// <summary><c>fib saddr|daddr type => reg 1</c>.</summary>
    public static void AddressType(NetlinkWriter w, bool source)
    {
        var expression = Begin(w, "fib");
        w.U32(3, source ? 1u : 2u); // NFTA_FIB_FLAGS = NFTA_FIB_F_SADDR / NFTA_FIB_F_DADDR
        w.U32(2, 3); // NFTA_FIB_RESULT = NFT_FIB_RESULT_ADDRTYPE
        w.U32(1, Register1); // NFTA_FIB_DREG
        End(w, expression);
    }

    /// <summary>A nested <c>nft_data</c> holding a verdict (<c>NFTA_DATA_VERDICT</c>).</summary>
    public static void VerdictData(NetlinkWriter w, ushort type, int code, string? chain)
    {
        var data = w.BeginNested(type);
        var verdict = w.BeginNested(NfTables.DataVerdict);
        w.U32(NfTables.VerdictCode, unchecked((uint)code));
        if (chain is not null)
        {
            w.String(NfTables.VerdictChain, chain);
        }

        w.EndNested(verdict);
        w.EndNested(data);
    }

    /// <summary>A nested <c>nft_data</c> holding a value (<c>NFTA_DATA_VALUE</c>).</summary>
    public static void Data(NetlinkWriter w, ushort type, ReadOnlySpan<byte> value)
    {
        var data = w.BeginNested(type);
        w.Bytes(NfTables.DataValue, value);
        w.EndNested(data);
    }

    // NFTA_LIST_ELEM { NFTA_EXPR_NAME, NFTA_EXPR_DATA { … } }: returns both nests' offsets for End.
    private static (int Element, int Data) Begin(NetlinkWriter w, string name)
    {
        var element = w.BeginNested(NfTables.ListElement);
        w.String(NfTables.ExpressionName, name);
        return (element, w.BeginNested(NfTables.ExpressionData));
    }

    private static void End(NetlinkWriter w, (int Element, int Data) expression)
    {
        w.EndNested(expression.Data);
        w.EndNested(expression.Element);
    }
}
