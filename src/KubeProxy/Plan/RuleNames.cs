using System.Security.Cryptography;

namespace Orchestrator.KubeProxy.Plan;

/// <summary>
/// Upstream's rule-name hashes: base32 (RFC 4648 standard alphabet, no padding needed) of SHA-256, truncated.
/// iptables uses 16 characters (<c>KUBE-SVC-</c> + hash ≤ 28 chars); nftables uses 8 plus a readable suffix.
/// </summary>
public static class RuleNames
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The first <paramref name="length"/> base32 characters of SHA-256(<paramref name="input"/>).</summary>
    public static string Hash(string input, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 52);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(input), digest);
        var text = new StringBuilder(length);
        var buffer = 0;
        var bits = 0;
        foreach (var b in digest)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5 && text.Length < length)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }

            if (text.Length == length)
            {
                break;
            }

            buffer &= (1 << bits) - 1;
        }

        return text.ToString();
    }
}
