using Orchestrator.ApiServer.Serialization;
using YamlDotNet.Core;

namespace Orchestrator.ApiServer.Tests.Serialization;

/// <summary>goyaml's alias ratio: 99% up to 400,000 decoded nodes, 10% from 4,000,000, linear between.</summary>
public sealed class AliasBudgetTests
{
    [Theory]
    [InlineData(1_000, 0.99)]
    [InlineData(400_000, 0.99)]
    [InlineData(2_200_000, 0.545)]
    [InlineData(4_000_000, 0.10)]
    [InlineData(40_000_000, 0.10)]
    public void AllowedRatio(long decoded, double ratio) =>
        Assert.Equal(ratio, AliasBudget.AllowedRatio(decoded), 6);

    [Fact]
    public void SmallDocumentsMayAliasFreely()
    {
        var budget = new AliasBudget();
        budget.Decoded(10, aliased: false, Mark.Empty);
        budget.Decoded(900, aliased: true, Mark.Empty);
        Assert.Equal(900, budget.AliasCount);
    }

    [Fact]
    public void MostlyAliasedDocumentsAreRefused()
    {
        var budget = new AliasBudget();
        budget.Decoded(10, aliased: false, Mark.Empty);
        var error = Assert.Throws<YamlException>(() => budget.Decoded(5_000, aliased: true, Mark.Empty));
        Assert.Contains("document contains excessive aliasing", error.Message, StringComparison.Ordinal);
    }
}
