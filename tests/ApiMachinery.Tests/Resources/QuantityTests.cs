using Orchestrator.ApiMachinery.Resources;

namespace Orchestrator.ApiMachinery.Tests.Resources;

/// <summary>Quantities parse, compare and print as upstream's resource.Quantity does.</summary>
public sealed class QuantityTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("0.5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("1000m", "1")]
    [InlineData("100m", "100m")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1536Mi", "1536Mi")]
    [InlineData("0.5Ki", "512")]
    [InlineData("128Mi", "128Mi")]
    [InlineData("1.5k", "1500")]
    [InlineData("1e3", "1e3")]
    [InlineData("1E", "1E")]
    [InlineData("-1", "-1")]
    [InlineData("-0.5", "-500m")]
    [InlineData("0.0000000001", "1n")]
    [InlineData("007", "7")]
    [InlineData("1.", "1")]
    [InlineData("+", "0")]
    [InlineData("0", "0")]
    public void Parses_and_prints_the_canonical_form(string input, string canonical)
    {
        Assert.True(Quantity.TryParse(input, out var quantity, out var error), error);
        Assert.Equal(canonical, quantity.ToString());
    }

    [Theory]
    [InlineData("abc", Quantity.FormatError)]
    [InlineData("1.5.5", Quantity.FormatError)]
    [InlineData("", Quantity.FormatError)]
    [InlineData("1 Gi", Quantity.FormatError)]
    [InlineData("1Gb", Quantity.FormatError)]
    [InlineData("1e", Quantity.SuffixError)]
    [InlineData("1Kii", Quantity.SuffixError)]
    public void Malformed_strings_fail_with_upstreams_error(string input, string expected)
    {
        Assert.False(Quantity.TryParse(input, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("1", "1000m", 0)]
    [InlineData("2", "1", 1)]
    [InlineData("1Gi", "1G", 1)]
    [InlineData("-1", "0", -1)]
    [InlineData("500m", "0.5", 0)]
    public void Compares_by_value(string left, string right, int order)
    {
        Assert.True(Quantity.TryParse(left, out var l, out _));
        Assert.True(Quantity.TryParse(right, out var r, out _));
        Assert.Equal(order, Math.Sign(l.CompareTo(r)));
    }
}
