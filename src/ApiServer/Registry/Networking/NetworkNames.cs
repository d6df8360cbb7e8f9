namespace Orchestrator.ApiServer.Registry.Networking;

/// <summary>Host and address rules of networking.k8s.io validation, with upstream's messages.</summary>
internal static partial class NetworkNames
{
    private const string WildcardMessage =
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    /// <summary>Upstream's IsWildcardDNS1123Subdomain: "*." then a DNS subdomain, at most 253 characters.</summary>
    public static IReadOnlyList<string> WildcardSubdomain(string host) => NameValidation.LengthAndFormat(host, 253, Wildcard(), WildcardMessage);

    /// <summary>A host with '*' as a wildcard subdomain, any other as a DNS-1123 subdomain.</summary>
    public static IReadOnlyList<string> Host(string host) =>
        host.Contains('*', StringComparison.Ordinal) ? WildcardSubdomain(host) : NameValidation.Dns1123Subdomain(host);

    /// <summary>Whether upstream's ParseIPSloppy reads <paramref name="text"/> as an IP address (dotted quad or IPv6).</summary>
    public static bool IsIp(string text) =>
        IPAddress.TryParse(text, out var address)
        && (address.AddressFamily == AddressFamily.InterNetworkV6 ? text.Contains(':', StringComparison.Ordinal) : text.Split('.').Length == 4);

    [GeneratedRegex("^\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z")]
    private static partial Regex Wildcard();
}
