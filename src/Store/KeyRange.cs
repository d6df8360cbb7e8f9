namespace Orchestrator.Store;

/// <summary>Byte-wise key ranges, the way etcd orders keys.</summary>
internal static class KeyRange
{
    /// <summary>UTF-8 bytes of a key.</summary>
    public static byte[] Bytes(string key) => Encoding.UTF8.GetBytes(key);

    /// <summary>
    /// The smallest byte string greater than every key starting with <paramref name="prefix"/>,
    /// or null when there is none (empty prefix or all 0xFF bytes): the range is then unbounded.
    /// </summary>
    public static byte[]? PrefixEnd(ReadOnlySpan<byte> prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] != 0xFF)
            {
                var end = prefix[..(i + 1)].ToArray();
                end[i]++;
                return end;
            }
        }

        return null;
    }

    /// <summary>The smallest key greater than <paramref name="key"/>: the key followed by a zero byte.</summary>
    public static byte[] After(string key)
    {
        var bytes = Bytes(key);
        var after = new byte[bytes.Length + 1];
        bytes.CopyTo(after, 0);
        return after;
    }
}
