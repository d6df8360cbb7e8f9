namespace Orchestrator.ApiServer.Objects;

/// <summary>Upstream's name rules (k8s.io/apimachinery validation), with their exact messages.</summary>
public static partial class NameValidation
{
    private const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    /// <summary>Problems with <paramref name="name"/> as a DNS-1123 label (namespaces, services), empty when valid.</summary>
    public static IReadOnlyList<string> Dns1123Label(string name) => LengthAndFormat(name, 63, Label(), Dns1123LabelMessage);

    private const string Dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>Problems with <paramref name="name"/> as a DNS-1035 label (services), empty when valid.</summary>
    public static IReadOnlyList<string> Dns1035Label(string name) => LengthAndFormat(name, 63, Label1035(), Dns1035LabelMessage);

    /// <summary>Problems with <paramref name="name"/> as a DNS-1123 subdomain (most kinds), empty when valid.</summary>
    public static IReadOnlyList<string> Dns1123Subdomain(string name) => LengthAndFormat(name, 253, Subdomain(), Dns1123SubdomainMessage);

    /// <summary>
    /// Upstream's per-kind ValidateNameFunc: namespaces are DNS-1123 labels, services DNS-1035 labels,
    /// everything else DNS-1123 subdomains. A <paramref name="prefix"/> (generateName) may end in '-'.
    /// A name that passes its kind's rule is still checked as a path segment, as upstream's
    /// BeforeCreate does after the strategy (rest.BeforeCreate with path.ValidatePathSegmentName).
    /// </summary>
    public static IReadOnlyList<string> ForResource(string plural, string name, bool prefix)
    {
        var checkedName = prefix ? MaskTrailingDash(name) : name;
        var problems = plural switch
        {
            "namespaces" => Dns1123Label(checkedName),
            "services" => Dns1035Label(checkedName),
            "roles" or "clusterroles" or "rolebindings" or "clusterrolebindings" => [], // ValidateRBACName: a path segment only
            "apiservices" => [], // a path segment that is version.group, checked by the APIService strategy ("v1." for the core group)
            _ => Dns1123Subdomain(checkedName),
        };
        return problems.Count > 0 ? problems : PathSegment(name, prefix);
    }

    /// <summary>Upstream's ValidatePathSegmentName: a name may not be "." or "..", nor contain '/' or '%' (a prefix may be "." or "..").</summary>
    public static IReadOnlyList<string> PathSegment(string name, bool prefix)
    {
        if (!prefix && name is "." or "..")
        {
            return [$"may not be '{name}'"];
        }

        return [.. new[] { "/", "%" }.Where(c => name.Contains(c, StringComparison.Ordinal)).Select(c => $"may not contain '{c}'")];
    }

    /// <summary>
    /// The problems of a name checked as upstream checks DNS names: longer than <paramref name="maxLength"/> characters,
    /// then not matching <paramref name="format"/> (<paramref name="formatMessage"/>); empty when valid.
    /// </summary>
    internal static IReadOnlyList<string> LengthAndFormat(string name, int maxLength, Regex format, string formatMessage)
    {
        List<string> problems = name.Length > maxLength ? [$"must be no more than {maxLength} characters"] : [];
        if (!format.IsMatch(name))
        {
            problems.Add(formatMessage);
        }

        return problems;
    }

    /// <summary>Upstream's maskTrailingDash, quirk included: a trailing '-' and the character before it become one 'a'.</summary>
    private static string MaskTrailingDash(string name) =>
        name.Length > 1 && name.EndsWith('-') ? name[..^2] + "a" : name;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?\\z")]
    private static partial Regex Label1035();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z")]
    private static partial Regex Subdomain();
}
