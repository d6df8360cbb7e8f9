namespace Orchestrator.ApiServer.Aggregation.Proxy;

/// <summary>
/// The front-proxy contract towards an aggregated API server (client-go's SetAuthProxyHeaders, read by
/// apiserver's headerrequest authenticator): the authenticated user in <c>X-Remote-User</c>, one
/// <c>X-Remote-Group</c> per group, one <c>X-Remote-Extra-&lt;key&gt;</c> per extra value (the key %-escaped where it
/// is not a header token byte, and '%' itself). What the client sent that the backend must not trust or see is
/// removed: its own credentials (<c>Authorization</c>), impersonation requests (already applied by us) and any
/// <c>X-Remote-*</c> it made up.
/// </summary>
internal static class ProxyHeaders
{
    public const string User = "X-Remote-User";
    public const string Group = "X-Remote-Group";
    public const string ExtraPrefix = "X-Remote-Extra-";
    private const string Uid = "X-Remote-Uid";

    /// <summary>Whether a request header of the client is dropped before forwarding.</summary>
    public static bool IsStripped(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase)
        || name.Equals(User, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Uid, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Group, StringComparison.OrdinalIgnoreCase)
        || name.StartsWith(ExtraPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The headers that carry <paramref name="user"/>, in order (user, groups, extras by key).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(UserInfo user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var headers = new List<KeyValuePair<string, string>> { new(User, user.Name) };
        headers.AddRange(user.Groups.Select(g => new KeyValuePair<string, string>(Group, g)));
        foreach (var (key, values) in user.Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var name = ExtraPrefix + EscapeKey(key);
            headers.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        }

        return headers;
    }

    /// <summary>%-encodes every byte of the UTF-8 key that is not an HTTP token byte, and '%' (so the backend's PathUnescape reverses it).</summary>
    public static string EscapeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var escaped = new StringBuilder(key.Length);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            if (b != '%' && IsTokenByte(b))
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    private static bool IsTokenByte(byte b) =>
        b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z')
        || "!#$&'*+-.^_`|~".Contains((char)b, StringComparison.Ordinal);
}
