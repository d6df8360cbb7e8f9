using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.ApiMachinery.Bootstrap;

/// <summary>
/// A kubeadm bootstrap token <c>[a-z0-9]{6}.[a-z0-9]{16}</c>: the id is public (it names the
/// <c>bootstrap-token-&lt;id&gt;</c> Secret in kube-system and the <c>jws-kubeconfig-&lt;id&gt;</c> signature),
/// the secret is not.
/// </summary>
public sealed partial record BootstrapToken(string Id, string Secret)
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public override string ToString() => Id + "." + Secret;

    /// <summary>Parses <c>id.secret</c>; false for anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out BootstrapToken? token)
    {
        token = text is not null && Format().Match(text) is { Success: true } m ? new BootstrapToken(m.Groups[1].Value, m.Groups[2].Value) : null;
        return token is not null;
    }

    /// <exception cref="FormatException">With the expected format in the message.</exception>
    public static BootstrapToken Parse(string text) =>
        TryParse(text, out var token) ? token : throw new FormatException($"the bootstrap token \"{text}\" was not of the form \"[a-z0-9]{{6}}.[a-z0-9]{{16}}\"");

    /// <summary>Whether <paramref name="id"/> is a valid token id.</summary>
    public static bool IsValidId(string? id) => id is not null && IdFormat().IsMatch(id);

    /// <summary>
    /// Whether <paramref name="group"/> may be granted through a token Secret's <c>auth-extra-groups</c>:
    /// only groups under <c>system:bootstrappers:</c> (upstream's bootstrap group pattern).
    /// </summary>
    public static bool IsValidExtraGroup(string group) => ExtraGroupFormat().IsMatch(group);

    /// <summary>A new random token.</summary>
    public static BootstrapToken Generate() => new(RandomString(6), RandomString(16));

    private static string RandomString(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    [GeneratedRegex("^([a-z0-9]{6})\\.([a-z0-9]{16})\\z")]
    private static partial Regex Format();

    [GeneratedRegex("^[a-z0-9]{6}\\z")]
    private static partial Regex IdFormat();

    [GeneratedRegex("^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\\z")]
    private static partial Regex ExtraGroupFormat();
}
