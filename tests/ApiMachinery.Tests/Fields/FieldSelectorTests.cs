using Orchestrator.ApiMachinery.Fields;
using Orchestrator.ApiMachinery.Selection;

namespace Orchestrator.ApiMachinery.Tests.Fields;

/// <summary>The fieldSelector query parameter (fields.ParseSelector): terms, escaping and upstream's errors.</summary>
public sealed class FieldSelectorTests
{
    [Theory]
    [InlineData("metadata.name=web", "metadata.name=web")]
    [InlineData("metadata.name==web", "metadata.name=web")]
    [InlineData("status.phase!=Succeeded,status.phase!=Failed", "status.phase!=Failed,status.phase!=Succeeded")]
    [InlineData("spec.nodeName=", "spec.nodeName=")]
    [InlineData("a=b,", "a=b")]
    [InlineData(",a=b,,", "a=b")]
    [InlineData(@"a=x\,y", @"a=x\,y")]
    [InlineData(@"a=x\=y", @"a=x\=y")]
    [InlineData(@"a=x\\y", @"a=x\\y")]
    [InlineData("involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=1-2", "involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=1-2")]
    [InlineData(" a = b ", " a = b ")]
    public void Valid_selectors_parse(string selector, string printed)
    {
        Assert.Equal(printed, FieldSelector.Parse(selector).ToString());
    }

    [Theory]
    [InlineData("a=b", "a", true, "b")]
    [InlineData("a==b", "a", true, "b")]
    [InlineData("a!=b", "a", false, "b")]
    [InlineData("a=!b", "a", true, "!b")]
    [InlineData(@"a=x\,y\=z\\", "a", true, @"x,y=z\")]
    [InlineData("x!y=z", "x!y", true, "z")]
    [InlineData("=v", "", true, "v")]
    public void Terms_split_at_the_first_operator(string selector, string field, bool equal, string value)
    {
        var requirement = Assert.Single(FieldSelector.Parse(selector).Requirements);

        Assert.Equal(new FieldRequirement(field, equal, value), requirement);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(",")]
    public void Empty_selectors_select_everything(string? selector)
    {
        var parsed = FieldSelector.Parse(selector);

        Assert.True(parsed.IsEverything);
        Assert.True(parsed.Matches(_ => "anything"));
    }

    [Theory]
    [InlineData("abc", "invalid selector: 'abc'; can't understand 'abc'")]
    [InlineData("b=x,abc", "invalid selector: 'b=x,abc'; can't understand 'abc'")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData("a==b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData("a!==b", "invalid field selector: unescaped character in value: 61")]
    [InlineData("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'")]
    [InlineData(@"a=b\x", @"invalid field selector: invalid escape sequence: \x")]
    [InlineData(@"a=b\", @"invalid field selector: invalid escape sequence: \")]
    public void Malformed_selectors_fail_with_upstream_messages(string selector, string message)
    {
        var error = Assert.Throws<SelectorException>(() => FieldSelector.Parse(selector));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("metadata.name=web", "web", true)]
    [InlineData("metadata.name=web", "db", false)]
    [InlineData("metadata.name=", null, true)]
    [InlineData("metadata.name!=web", null, true)]
    [InlineData("metadata.name!=web", "web", false)]
    [InlineData("metadata.name=web,metadata.name!=web", "web", false)]
    public void Matches_reads_each_field_absent_reading_as_empty(string selector, string? value, bool matches)
    {
        Assert.Equal(matches, FieldSelector.Parse(selector).Matches(field => field == "metadata.name" ? value : null));
    }

    [Theory]
    [InlineData("metadata.name=web,spec.nodeName!=n1", "metadata.name", "web")]
    [InlineData("metadata.name==web", "metadata.name", "web")]
    [InlineData("metadata.name!=web", "metadata.name", null)]
    [InlineData("spec.nodeName=n1", "metadata.name", null)]
    public void RequiresExactMatch_finds_an_equality_term(string selector, string field, string? value)
    {
        Assert.Equal(value, FieldSelector.Parse(selector).RequiresExactMatch(field));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(@"a,b=c\d", @"a\,b\=c\\d")]
    public void Escape_round_trips_through_parse(string value, string escaped)
    {
        Assert.Equal(escaped, FieldSelector.Escape(value));
        Assert.Equal(value, Assert.Single(FieldSelector.Parse("f=" + escaped).Requirements).Value);
    }
}
