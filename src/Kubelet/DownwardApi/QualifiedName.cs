using System.Text.RegularExpressions;

namespace Orchestrator.Kubelet.DownwardApi;

/// <summary>Upstream's <c>validation.IsQualifiedName</c>: an optional DNS-subdomain prefix and a name of at most 63 characters.</summary>
internal static partial class QualifiedName
{
    public static bool IsValid(string value)
    {
        var slash = value.Split('/');
        if (slash.Length > 2)
        {
            return false;
        }

        var name = slash[^1];
        if (name.Length is 0 or > 63 || !NamePattern().IsMatch(name))
        {
            return false;
        }

        return slash.Length == 1 || (slash[0].Length is > 0 and <= 253 && SubdomainPattern().IsMatch(slash[0]));
    }

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z")]
    private static partial Regex SubdomainPattern();
}
