using System.Text.RegularExpressions;

namespace Orchestrator.Kubelet.EnvVars;

/// <summary>Upstream's <c>IsEnvVarName</c>: letters, digits, '_', '-' and '.', not starting with a digit.</summary>
internal static partial class EnvVarName
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*\\z")]
    private static partial Regex Pattern();
}
