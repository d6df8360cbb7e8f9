using Orchestrator.ApiMachinery.Labels;

namespace Orchestrator.ApiMachinery.Tests.Labels;

/// <summary>The query-string label selector syntax (labels.Parse), printed back the way upstream prints it.</summary>
public sealed class LabelRequirementsParseTests
{
    [Theory]
    [InlineData("a=b", "a=b")]
    [InlineData("a==b", "a==b")]
    [InlineData("a!=b", "a!=b")]
    [InlineData("a in (x,y)", "a in (x,y)")]
    [InlineData("a notin (y,x,y)", "a notin (x,y)")]
    [InlineData("a", "a")]
    [InlineData("!a", "!a")]
    [InlineData("a>1", "a>1")]
    [InlineData("a<2", "a<2")]
    [InlineData("a=", "a=")]
    [InlineData("a in ()", "a in ()")]
    [InlineData("x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()")]
    [InlineData("a in (,x)", "a in (,x)")]
    [InlineData("a in (x,)", "a in (,x)")]
    [InlineData("  a  =  b ,\tc in ( x , y )\n", "a=b,c in (x,y)")]
    [InlineData("b=c,a=d", "a=d,b=c")]
    [InlineData("a=b,a!=c", "a=b,a!=c")]
    [InlineData("in=notin", "in=notin")]
    [InlineData("a in (in,notin)", "a in (in,notin)")]
    [InlineData("example.com/app=web,app.kubernetes.io/name=x-y_z.1", "app.kubernetes.io/name=x-y_z.1,example.com/app=web")]
    [InlineData("A_b-c.D=Z", "A_b-c.D=Z")]
    [InlineData("!a,b", "!a,b")]
    public void Valid_selectors_parse(string selector, string printed)
    {
        var parsed = LabelRequirements.Parse(selector);

        Assert.Equal(printed, parsed.ToString());
        Assert.False(parsed.IsEverything);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_selectors_select_everything(string? selector)
    {
        var parsed = LabelRequirements.Parse(selector);

        Assert.True(parsed.IsEverything);
        Assert.Empty(parsed.Requirements);
        Assert.True(parsed.Matches(null));
    }

    [Theory]
    [InlineData("a=b", "a", "Equal", "b")]
    [InlineData("a==b", "a", "DoubleEqual", "b")]
    [InlineData("a!=b", "a", "NotEqual", "b")]
    [InlineData("a in (c,b)", "a", "In", "b,c")]
    [InlineData("a notin (b)", "a", "NotIn", "b")]
    [InlineData("a", "a", "Exists", "")]
    [InlineData("!a", "a", "DoesNotExist", "")]
    [InlineData("a>5", "a", "GreaterThan", "5")]
    [InlineData("a<5", "a", "LessThan", "5")]
    public void Requirements_carry_key_operator_and_sorted_values(string selector, string key, string op, string values)
    {
        var requirement = Assert.Single(LabelRequirements.Parse(selector).Requirements);

        Assert.Equal(key, requirement.Key);
        Assert.Equal(op, requirement.Operator.ToString());
        Assert.Equal(values, string.Join(",", requirement.Values));
    }
}
