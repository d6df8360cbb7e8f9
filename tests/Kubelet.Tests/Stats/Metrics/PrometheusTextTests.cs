using Orchestrator.Kubelet.Stats.Metrics;

namespace Orchestrator.Kubelet.Tests.Stats.Metrics;

public sealed class PrometheusTextTests
{
    /// <summary>Expected values are Go's strconv.FormatFloat(v, 'g', -1, 64), which client_golang's text format uses.</summary>
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.0, "-1")]
    [InlineData(565248.0, "565248")]
    [InlineData(999999.0, "999999")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(3920486400.0, "3.9204864e+09")]
    [InlineData(1796588955.388872, "1.796588955388872e+09")]
    [InlineData(0.373531677, "0.373531677")]
    [InlineData(93022.009683496, "93022.009683496")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001234, "1.234e-05")]
    [InlineData(123456.5, "123456.5")]
    [InlineData(1e21, "1e+21")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void Floats_are_formatted_as_go_formats_them(double value, string expected) => Assert.Equal(expected, PrometheusText.Float(value));

    [Fact]
    public void Families_are_sorted_by_name_empty_ones_left_out_and_labels_escaped_and_sorted()
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1796588956747);
        var text = PrometheusText.Write(
        [
            new("z_total", "[STABLE] Last \\ one\nline", "counter", [MetricSample.Of(2, time, ("pod", "b"), ("namespace", "x")), MetricSample.Of(1, time, ("pod", "a\"q"), ("namespace", "x"))]),
            new("empty", "nothing", "gauge", []),
            new("a_gauge", "first", "gauge", [MetricSample.Of(0.5, null)]),
        ]);

        Assert.Equal(
            "# HELP a_gauge first\n# TYPE a_gauge gauge\na_gauge 0.5\n"
            + "# HELP z_total [STABLE] Last \\\\ one\\nline\n# TYPE z_total counter\n"
            + "z_total{namespace=\"x\",pod=\"a\\\"q\"} 1 1796588956747\n"
            + "z_total{namespace=\"x\",pod=\"b\"} 2 1796588956747\n",
            text);
    }
}
