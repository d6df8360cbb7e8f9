using Orchestrator.Kubelet.EnvVars;

namespace Orchestrator.Kubelet.Tests.EnvVars;

public sealed class VarExpansionTests
{
    private static readonly Dictionary<string, string> Vars = new()
    {
        ["VAR_A"] = "A",
        ["VAR_B"] = "B",
        ["VAR_C"] = "C",
        ["VAR_REF"] = "$(VAR_A)",
        ["VAR_EMPTY"] = "",
    };

    // Cases from upstream's expansion tests (third_party/forked/golang/expansion).
    [Theory]
    [InlineData("$(VAR_A)", "A")]
    [InlineData("___$(VAR_B)___", "___B___")]
    [InlineData("$(VAR_A)-$(VAR_A)", "A-A")]
    [InlineData("f000-$$VAR_A", "f000-$VAR_A")]
    [InlineData("foo\\$(VAR_C)bar", "foo\\Cbar")]
    [InlineData("foo\\\\$(VAR_C)bar", "foo\\\\Cbar")]
    [InlineData("$(VAR_REF)", "$(VAR_A)")]
    [InlineData("foo$(VAR_EMPTY)bar", "foobar")]
    [InlineData("$(VAR_DNE)", "$(VAR_DNE)")]
    [InlineData("$(VAR_A", "$(VAR_A")]
    [InlineData("$(VAR_A)$(VAR_B", "A$(VAR_B")]
    [InlineData("$$$(VAR_A)", "$A")]
    [InlineData("$$$$(VAR_A)", "$$(VAR_A)")]
    [InlineData("$VAR_A", "$VAR_A")]
    [InlineData("$", "$")]
    [InlineData("foo$", "foo$")]
    [InlineData("$()", "$()")]
    [InlineData("$(VAR_A)$", "A$")]
    [InlineData("$(VAR_A)(", "A(")]
    [InlineData("", "")]
    [InlineData("no refs here", "no refs here")]
    public void Expands_like_upstream(string input, string expected) =>
        Assert.Equal(expected, VarExpansion.Expand(input, VarExpansion.MappingFor(Vars)));

    [Fact]
    public void Earlier_contexts_win()
    {
        var mapping = VarExpansion.MappingFor(new Dictionary<string, string> { ["X"] = "first" }, new Dictionary<string, string> { ["X"] = "second", ["Y"] = "y" });
        Assert.Equal("first y", VarExpansion.Expand("$(X) $(Y)", mapping));
    }
}
