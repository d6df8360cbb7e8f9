using System.Buffers.Binary;

namespace Orchestrator.KubeProxy.Backends.Nftables.Netlink;

/// <summary>
/// Compiles a rule in exactly the subset of nft syntax <see cref="NftServiceRenderer"/> writes into the expressions
/// <c>nft</c> itself would send (learned from <c>nft --debug=netlink</c>), so a rule listed back prints the same text
/// whichever transport wrote it. Anything else is a <see cref="NotSupportedException"/> naming the token, and the
/// caller uses <c>nft -f</c> instead.
/// </summary>
internal static class NftRuleCompiler
{
    private const string CommentMarker = " comment \"";

    /// <summary>Writes the rule's expression list (<c>NFTA_RULE_EXPRESSIONS</c>) and, with a comment, its user data.</summary>
    public static void Write(NetlinkWriter w, string rule)
    {
        var (body, comment) = SplitComment(rule);
        var tokens = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var list = w.BeginNested(NfTables.RuleExpressions);
        var i = 0;
        while (i < tokens.Length)
        {
            i = Statement(w, tokens, i, rule);
        }

        w.EndNested(list);
        if (comment is not null)
        {
            w.Bytes(NfTables.RuleUserData, UserDataComment(comment));
        }
    }

    /// <summary>libnftnl's comment TLV: type, length, the NUL-terminated text.</summary>
    public static byte[] UserDataComment(string comment)
    {
        var text = Encoding.UTF8.GetBytes(comment);
        if (text.Length + 1 > byte.MaxValue)
        {
            throw new NotSupportedException($"comment longer than {byte.MaxValue - 1} bytes: \"{comment}\"");
        }

        var data = new byte[text.Length + 3];
        data[0] = NfTables.UserDataComment;
        data[1] = (byte)(text.Length + 1);
        text.CopyTo(data, 2);
        return data;
    }

    /// <summary>A dotted-quad IPv4 address as its 4 bytes (what the renderer writes; anything else is refused).</summary>
    public static byte[] Ipv4(string address, string rule)
    {
        var bytes = new byte[4];
        var parts = 0;
        foreach (var range in address.AsSpan().Split('.'))
        {
            if (parts == 4 || !byte.TryParse(address.AsSpan()[range], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[parts]))
            {
                throw Unsupported(address, rule);
            }

            parts++;
        }

        return parts == 4 ? bytes : throw Unsupported(address, rule);
    }

    public static byte Protocol(string name, string rule) => name switch
    {
        "tcp" => 6,
        "udp" => 17,
        "sctp" => 132,
        _ => throw Unsupported(name, rule),
    };

    /// <summary>A verdict as the renderer writes it (<c>goto X</c>, <c>jump X</c>, <c>drop</c>, …): code and chain.</summary>
    public static (int Code, string? Chain) Verdict(string verdict, string context)
    {
        var parts = verdict.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["goto", var chain] => (NfTables.VerdictGoto, chain),
            ["jump", var chain] => (NfTables.VerdictJump, chain),
            ["drop"] => (NfTables.VerdictDrop, null),
            ["accept"] => (NfTables.VerdictAccept, null),
            ["return"] => (NfTables.VerdictReturn, null),
            _ => throw Unsupported(verdict, context),
        };
    }

    private static int Statement(NetlinkWriter w, string[] t, int i, string rule)
    {
        if (i + 2 < t.Length && t[i + 2] == ".")
        {
            return Concatenation(w, t, i, rule);
        }

        switch (t[i])
        {
            case "ip" when i + 2 < t.Length && t[i + 1] is "saddr" or "daddr":
                return AddressMatch(w, t, i, rule);
            case "numgen" when i + 5 < t.Length && t[i + 1] == "random" && t[i + 2] == "mod" && t[i + 4] == "==":
                NftExpressions.RandomNumber(w, Number(t[i + 3], rule));
                NftExpressions.Compare(w, NftExpressions.CompareEqual, HostOrder(Number(t[i + 5], rule)));
                return i + 6;
            case "fib" when i + 3 < t.Length && t[i + 1] is "saddr" or "daddr" && t[i + 2] == "type" && t[i + 3] == "local":
                NftExpressions.AddressType(w, source: t[i + 1] == "saddr");
                NftExpressions.Compare(w, NftExpressions.CompareEqual, HostOrder(2)); // RTN_LOCAL
                return i + 4;
            case "meta" when i + 2 < t.Length && t[i + 1] == "l4proto":
                NftExpressions.MetaLoad(w, NftExpressions.MetaLayer4Protocol);
                NftExpressions.Compare(w, NftExpressions.CompareEqual, [Protocol(t[i + 2], rule)]);
                return i + 3;
            case "ct" when i + 2 < t.Length && t[i + 1] == "state" && t[i + 2] == "new":
                NftExpressions.ConnectionState(w);
                NftExpressions.Mask(w, HostOrder(8)); // IP_CT_NEW's state bit
                NftExpressions.Compare(w, NftExpressions.CompareNotEqual, HostOrder(0));
                return i + 3;
            case "mark" when i + 4 < t.Length && t[i + 1] == "set" && t[i + 2] == "mark" && t[i + 3] is "or" or "xor":
                var bits = Hex(t[i + 4], rule);
                NftExpressions.MetaLoad(w, NftExpressions.MetaMark);
                NftExpressions.Mask(w, HostOrder(t[i + 3] == "or" ? ~bits : uint.MaxValue), HostOrder(bits));
                NftExpressions.MetaSet(w, NftExpressions.MetaMark);
                return i + 5;
            case "mark" when i + 4 < t.Length && t[i + 1] == "and" && t[i + 3] == "==":
                NftExpressions.MetaLoad(w, NftExpressions.MetaMark);
                NftExpressions.Mask(w, HostOrder(Hex(t[i + 2], rule)));
                NftExpressions.Compare(w, NftExpressions.CompareEqual, HostOrder(Number(t[i + 4], rule)));
                return i + 5;
            case "masquerade" when i + 1 < t.Length && t[i + 1] == "fully-random":
                NftExpressions.MasqueradeFullyRandom(w);
                return i + 2;
            case "reject":
                NftExpressions.Reject(w);
                return i + 1;
            case "dnat" when i + 2 < t.Length && t[i + 1] == "to":
                Dnat(w, t[i + 2], rule);
                return i + 3;
            case "update" when i + 5 < t.Length && t[i + 1].StartsWith('@') && t[i + 2] == "{" && t[i + 3] == "ip" && t[i + 4] == "saddr" && t[i + 5] == "}":
                NftExpressions.Payload(w, 12, 4);
                NftExpressions.UpdateSet(w, t[i + 1][1..]);
                return i + 6;
            case "jump" or "goto" when i + 1 == t.Length - 1:
                NftExpressions.Verdict(w, t[i] == "goto" ? NfTables.VerdictGoto : NfTables.VerdictJump, t[i + 1]);
                return i + 2;
            case "return" when i == t.Length - 1:
                NftExpressions.Verdict(w, NfTables.VerdictReturn, null);
                return i + 1;
            default:
                throw Unsupported(t[i], rule);
        }
    }

    // KEY . KEY … vmap @MAP: the keys go to consecutive 32-bit registers (the first as NFT_REG_1, as nft writes it),
    // then one lookup of them all whose result is the verdict.
    private static int Concatenation(NetlinkWriter w, string[] t, int i, string rule)
    {
        var offset = 0u;
        while (true)
        {
            var register = offset == 0 ? NftExpressions.Register1 : 8 + offset;
            switch ((t[i], i + 1 < t.Length ? t[i + 1] : ""))
            {
                case ("ip", "daddr"):
                    NftExpressions.Payload(w, 16, 4, register);
                    break;
                case ("ip", "saddr"):
                    NftExpressions.Payload(w, 12, 4, register);
                    break;
                case ("meta", "l4proto"):
                    NftExpressions.MetaLoad(w, NftExpressions.MetaLayer4Protocol, register);
                    break;
                case ("th", "dport"):
                    NftExpressions.Payload(w, 2, 2, register, NftExpressions.TransportHeader);
                    break;
                default:
                    throw Unsupported(t[i], rule);
            }

            offset++;
            i += 2;
            if (i < t.Length && t[i] == ".")
            {
                i++;
                continue;
            }

            if (i + 1 < t.Length && t[i] == "vmap" && t[i + 1].StartsWith('@'))
            {
                NftExpressions.Lookup(w, t[i + 1][1..], verdictMap: true);
                return i + 2;
            }

            throw Unsupported(i < t.Length ? t[i] : ".", rule);
        }
    }

    // ip saddr|daddr [!=] ADDRESS | ADDRESS/PREFIX | @SET. nft loads only the prefix's whole bytes when the prefix
    // ends on a byte boundary, else the whole address and a mask.
    private static int AddressMatch(NetlinkWriter w, string[] t, int i, string rule)
    {
        var offset = t[i + 1] == "saddr" ? 12u : 16u;
        var negated = t[i + 2] == "!=";
        var value = negated ? (i + 3 < t.Length ? t[i + 3] : throw Unsupported("!=", rule)) : t[i + 2];
        var operation = negated ? NftExpressions.CompareNotEqual : NftExpressions.CompareEqual;
        if (value.StartsWith('@'))
        {
            if (negated)
            {
                throw Unsupported("!= @set", rule);
            }

            NftExpressions.Payload(w, offset, 4);
            NftExpressions.Lookup(w, value[1..]);
            return i + 3;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var address = Ipv4(slash < 0 ? value : value[..slash], rule);
        var prefix = slash < 0 ? 32 : (int)Number(value[(slash + 1)..], rule);
        if (prefix is < 1 or > 32)
        {
            throw Unsupported(value, rule);
        }

        if (prefix % 8 == 0)
        {
            NftExpressions.Payload(w, offset, (uint)(prefix / 8));
            NftExpressions.Compare(w, operation, address.AsSpan(0, prefix / 8));
        }
        else
        {
            var mask = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(mask, uint.MaxValue << (32 - prefix));
            for (var b = 0; b < 4; b++)
            {
                address[b] &= mask[b];
            }

            NftExpressions.Payload(w, offset, 4);
            NftExpressions.Mask(w, mask);
            NftExpressions.Compare(w, operation, address);
        }

        return negated ? i + 4 : i + 3;
    }

    private static void Dnat(NetlinkWriter w, string target, string rule)
    {
        var colon = target.LastIndexOf(':');
        if (colon < 0)
        {
            throw Unsupported(target, rule);
        }

        var port = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(port, checked((ushort)Number(target[(colon + 1)..], rule)));
        NftExpressions.Immediate(w, NftExpressions.Register1, Ipv4(target[..colon], rule));
        NftExpressions.Immediate(w, NftExpressions.Register2, port);
        NftExpressions.DestinationNat(w);
    }

    private static (string Body, string? Comment) SplitComment(string rule)
    {
        var at = rule.IndexOf(CommentMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return (rule, null);
        }

        var comment = rule[(at + CommentMarker.Length)..];
        return comment.EndsWith('"') && comment.IndexOf('"') == comment.Length - 1
            ? (rule[..at], comment[..^1])
            : throw Unsupported("comment", rule);
    }

    private static uint Hex(string text, string rule) =>
        text.StartsWith("0x", StringComparison.Ordinal) && uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Unsupported(text, rule);

    private static uint Number(string text, string rule) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Unsupported(text, rule);

    // Registers hold numgen's, fib's, ct state's and the mark's values as host-order 32-bit words.
    private static byte[] HostOrder(uint value) => BitConverter.GetBytes(value);

    private static NotSupportedException Unsupported(string token, string rule) =>
        new($"the netlink transport cannot encode '{token}' in '{rule}'");
}
