using Orchestrator.ApiMachinery.Labels;
using Orchestrator.ApiMachinery.Selection;

namespace Orchestrator.ApiMachinery.Tests.Labels;

/// <summary>Malformed label selectors, with the messages kube-apiserver sends back (labels/selector.go, api/validate/content).</summary>
public sealed class LabelRequirementsErrorTests
{
    private const string KeyRegex = "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private const string ValueRule = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private const string NameRule = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " + KeyRegex;

    [Theory]
    [InlineData("a=b=c", "found '=', expected: ',' or 'end of string'")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("!a=b", "found '=', expected: ',' or 'end of string'")]
    [InlineData("=a", "found '=', expected: !, identifier, or 'end of string'")]
    [InlineData("(a)", "found '(', expected: !, identifier, or 'end of string'")]
    [InlineData("a,", "found '', expected: identifier after ','")]
    [InlineData("a,,b", "found ',', expected: identifier after ','")]
    [InlineData("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a (x)", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("!!a", "unable to parse requirement: found '!', expected: identifier")]
    [InlineData("a in x", "unable to parse requirement: found 'x' expected: '('")]
    [InlineData("a in", "unable to parse requirement: found '' expected: '('")]
    [InlineData("a in (x", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("a in (x y)", "unable to parse requirement: found 'y', expected: ',' or ')'")]
    [InlineData("a in (x,=)", "unable to parse requirement: found '=', expected: ',', or identifier")]
    [InlineData("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier")]
    [InlineData("a=(", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("a=!", "unable to parse requirement: found '!', expected: identifier")]
    [InlineData("-a", "unable to parse requirement: <nil>: Invalid value: \"-a\": " + NameRule)]
    [InlineData("a.=b", "unable to parse requirement: <nil>: Invalid value: \"a.\": " + NameRule)]
    [InlineData("/a", "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty")]
    [InlineData("x/", "unable to parse requirement: <nil>: Invalid value: \"x/\": name part must be non-empty; " + NameRule)]
    [InlineData("Example.com/a", "unable to parse requirement: <nil>: Invalid value: \"Example.com/a\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]
    [InlineData("a/b/c", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " + KeyRegex + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    [InlineData("a=-b", "unable to parse requirement: values[0][a]: Invalid value: \"-b\": " + ValueRule)]
    [InlineData("a in (ok,-x,-y)", "unable to parse requirement: [values[0][a]: Invalid value: \"-x\": " + ValueRule + ", values[1][a]: Invalid value: \"-y\": " + ValueRule + "]")]
    [InlineData("a>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("a<", "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("a<-2", "unable to parse requirement: values[0][a]: Invalid value: \"-2\": " + ValueRule)]
    [InlineData("a\"b", "unable to parse requirement: <nil>: Invalid value: \"a\\\"b\": " + NameRule)]
    public void Malformed_selectors_fail_with_upstream_messages(string selector, string message)
    {
        var error = Assert.Throws<SelectorException>(() => LabelRequirements.Parse(selector));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Key_names_longer_than_63_bytes_are_refused()
    {
        var key = new string('k', 64);

        var error = Assert.Throws<SelectorException>(() => LabelRequirements.Parse(key));

        Assert.Equal($"unable to parse requirement: <nil>: Invalid value: \"{key}\": name part must be no more than 63 bytes", error.Message);
    }

    [Fact]
    public void Values_longer_than_63_bytes_are_refused()
    {
        var value = new string('v', 64);

        var error = Assert.Throws<SelectorException>(() => LabelRequirements.Parse("a=" + value));

        Assert.Equal($"unable to parse requirement: values[0][a]: Invalid value: \"{value}\": must be no more than 63 bytes", error.Message);
    }

    [Fact]
    public void Prefixes_longer_than_253_bytes_are_refused()
    {
        var prefix = string.Join(".", Enumerable.Repeat(new string('p', 50), 6));

        var error = Assert.Throws<SelectorException>(() => LabelRequirements.Parse(prefix + "/a"));

        Assert.Equal($"unable to parse requirement: <nil>: Invalid value: \"{prefix}/a\": prefix part must be no more than 253 bytes", error.Message);
    }

    [Theory]
    [InlineData(63, true)]
    [InlineData(64, false)]
    public void The_longest_name_is_63_characters(int length, bool valid)
    {
        var selector = $"{new string('n', length)}={new string('v', Math.Min(length, 63))}";

        var parsed = Record.Exception(() => LabelRequirements.Parse(selector));

        Assert.Equal(valid, parsed is null);
    }
}
