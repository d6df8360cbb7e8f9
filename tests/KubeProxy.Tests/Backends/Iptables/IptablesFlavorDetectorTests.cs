using Orchestrator.KubeProxy.Backends.Iptables;

namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

public class IptablesFlavorDetectorTests
{
    [Theory]
    [InlineData(false, 0, false, 0, "legacy")] // nothing in use: the measured default
    [InlineData(false, 5, false, 0, "nft")] // the node already uses nft
    [InlineData(false, 0, false, 3, "legacy")]
    [InlineData(false, 50, true, 10, "legacy")] // our jumps win over a busier flavor
    [InlineData(true, 10, false, 50, "nft")]
    [InlineData(true, 10, true, 50, "legacy")] // jumps in both: the one with more rules
    public void Auto_prefers_our_jumps_then_the_flavor_in_use_then_legacy(bool nftJumps, int nftRules, bool legacyJumps, int legacyRules, string expected)
    {
        var chosen = IptablesFlavorDetector.Choose([(IptablesFlavor.Nft, nftJumps, nftRules), (IptablesFlavor.Legacy, legacyJumps, legacyRules)]);
        Assert.Equal(expected, chosen.Name);
    }

    [Theory]
    [InlineData("nft", "nft")]
    [InlineData("legacy", "legacy")]
    [InlineData("auto", null)]
    public void Parse_accepts_the_three_modes(string mode, string? expected) =>
        Assert.Equal(expected, IptablesFlavorDetector.Parse(mode)?.Name);

    [Fact]
    public void Parse_rejects_an_unknown_mode_with_the_accepted_values()
    {
        var error = Assert.Throws<ArgumentException>(() => IptablesFlavorDetector.Parse("ipvs"));
        Assert.Contains("auto, nft or legacy", error.Message);
    }
}
