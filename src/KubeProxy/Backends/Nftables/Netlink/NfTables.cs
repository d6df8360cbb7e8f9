namespace Orchestrator.KubeProxy.Backends.Nftables.Netlink;

/// <summary>The constants of the kernel's uapi (linux/netlink.h, linux/netfilter/nfnetlink.h, nf_tables.h) this transport uses.</summary>
internal static class NfTables
{
    public const int NetlinkNetfilter = 12;
    public const byte FamilyIpv4 = 2;
    public const ushort SubsystemNfTables = 10;

    public const ushort MessageError = 2;
    public const ushort MessageDone = 3;
    public const ushort BatchBegin = 0x10;
    public const ushort BatchEnd = 0x11;

    public const ushort NewTable = (SubsystemNfTables << 8) | 0;
    public const ushort DeleteTable = (SubsystemNfTables << 8) | 2;
    public const ushort NewChain = (SubsystemNfTables << 8) | 3;
    public const ushort DeleteChain = (SubsystemNfTables << 8) | 5;
    public const ushort NewRule = (SubsystemNfTables << 8) | 6;
    public const ushort DeleteRule = (SubsystemNfTables << 8) | 8;
    public const ushort NewSet = (SubsystemNfTables << 8) | 9;
    public const ushort DeleteSet = (SubsystemNfTables << 8) | 11;
    public const ushort NewSetElement = (SubsystemNfTables << 8) | 12;
    public const ushort DeleteSetElement = (SubsystemNfTables << 8) | 14;

    public const ushort FlagRequest = 0x1;
    public const ushort FlagAck = 0x4;
    public const ushort FlagCreate = 0x400;
    public const ushort FlagAppend = 0x800;

    // enum nft_chain_attributes / nft_rule_attributes / nft_set_attributes / nft_set_elem_list_attributes
    public const ushort TableName = 1;
    public const ushort ChainName = 3;
    public const ushort RuleChain = 2;
    public const ushort RuleExpressions = 4;
    public const ushort RuleUserData = 7;
    public const ushort SetName = 2;
    public const ushort SetFlags = 3;
    public const ushort SetKeyType = 4;
    public const ushort SetKeyLength = 5;
    public const ushort SetId = 10;
    public const ushort SetTimeout = 11;
    public const ushort SetUserData = 13;
    public const ushort ElementListSet = 2;
    public const ushort ElementListElements = 3;

    // enum nft_set_elem_attributes, nft_data_attributes, nft_verdict_attributes; NFTA_LIST_ELEM; nft_expr_attributes
    public const ushort ElementKey = 1;
    public const ushort ElementData = 2;
    public const ushort ElementUserData = 6;
    public const ushort DataValue = 1;
    public const ushort DataVerdict = 2;
    public const ushort VerdictCode = 1;
    public const ushort VerdictChain = 2;
    public const ushort ListElement = 1;
    public const ushort ExpressionName = 1;
    public const ushort ExpressionData = 2;

    public const uint SetFlagTimeout = 0x10;
    public const uint SetFlagEval = 0x20;
    public const uint TypeIpv4Address = 7;

    // Verdicts (NF_DROP, NF_ACCEPT, enum nft_verdicts).
    public const int VerdictDrop = 0;
    public const int VerdictAccept = 1;
    public const int VerdictJump = -3;
    public const int VerdictGoto = -4;
    public const int VerdictReturn = -5;

    // libnftnl's user-data TLV types that nft reads back for printing (a comment; a set key's byte order).
    public const byte UserDataComment = 0;
    public const byte UserDataSetKeyByteOrder = 0;
    public const uint ByteOrderBigEndian = 2;
}
