using Orchestrator.ApiServer.Objects;

namespace Orchestrator.ApiServer.Tests.Validation;

/// <summary>Upstream's per-kind name functions, generateName prefixes and the path-segment rule.</summary>
public sealed class NameRulesTests
{
    public static TheoryData<string, string, bool, string[]> Cases => new()
    {
        { "configmaps", "web-1.example", false, [] },
        { "configmaps", "web-", true, [] },
        { "configmaps", "-", true, ["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"] },
        { "configmaps", new string('a', 254), false, ["must be no more than 253 characters"] },
        { "namespaces", "a-", true, [] },
        { "namespaces", "a-", false, ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"] },
        // Go's `$` matches only at the end of the text; .NET's also before a final newline, so the rules use `\z`.
        { "configmaps", "web\n", false, ["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"] },
        { "namespaces", "web\n", false, ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"] },
        { "services", "svc\n", false, ["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"] },
        { "services", "svc-", true, [] },
        { "services", "9svc", false, ["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Names_follow_their_kinds_rule(string plural, string name, bool prefix, string[] expected)
    {
        Assert.Equal(expected, NameValidation.ForResource(plural, name, prefix));
    }

    [Theory]
    [InlineData(".", false, new[] { "may not be '.'" })]
    [InlineData("..", false, new[] { "may not be '..'" })]
    [InlineData("..", true, new string[0])]
    [InlineData("a/b%c", false, new[] { "may not contain '/'", "may not contain '%'" })]
    [InlineData("a%", true, new[] { "may not contain '%'" })]
    [InlineData("ok", false, new string[0])]
    public void Names_are_path_segments(string name, bool prefix, string[] expected)
    {
        Assert.Equal(expected, NameValidation.PathSegment(name, prefix));
    }
}
