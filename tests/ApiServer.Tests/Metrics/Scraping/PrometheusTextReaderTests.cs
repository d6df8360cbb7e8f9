using Orchestrator.ApiServer.Metrics.Scraping;

namespace Orchestrator.ApiServer.Tests.Metrics.Scraping;

public sealed class PrometheusTextReaderTests
{
    [Theory]
    [InlineData("node_cpu_usage_seconds_total 357.35491 1690894339263", "node_cpu_usage_seconds_total", "", 357.35491, 1690894339263L)]
    [InlineData("node_memory_working_set_bytes 1.616273408e+09", "node_memory_working_set_bytes", "", 1.616273408e9, null)]
    [InlineData("m{a=\"1\",b=\"two\"} 5 -12", "m", "a=1;b=two", 5.0, -12L)]
    [InlineData("m{a=\"1\",} 5", "m", "a=1", 5.0, null)]
    [InlineData("  m { a = \"x y\" }\t7\t1  ", "m", "a=x y", 7.0, 1L)]
    [InlineData("m{a=\"q\\\"uote\\\\back\\nline\"} 1", "m", "a=q\"uote\\back\nline", 1.0, null)]
    [InlineData("ns:m_1{_l9=\"\"} +Inf", "ns:m_1", "_l9=", double.PositiveInfinity, null)]
    [InlineData("m -Inf", "m", "", double.NegativeInfinity, null)]
    [InlineData("m{} 0\r", "m", "", 0.0, null)]
    public void A_sample_line_is_read_with_its_labels_value_and_timestamp(string line, string name, string labels, double value, long? timestamp)
    {
        var sample = Assert.Single(PrometheusTextReader.Read(line));

        Assert.Equal(name, sample.Name);
        Assert.Equal(labels, string.Join(';', sample.Labels.Select(l => $"{l.Key}={l.Value}")));
        Assert.Equal(value, sample.Value);
        Assert.Equal(timestamp, sample.TimestampMs);
    }

    [Fact]
    public void Comments_and_blank_lines_are_skipped_and_NaN_is_a_value()
    {
        var samples = PrometheusTextReader.Read("# HELP m help text\n# TYPE m gauge\n\n   \nm NaN\n# EOF\n").ToList();

        Assert.True(double.IsNaN(Assert.Single(samples).Value));
    }

    [Theory]
    [InlineData("9m 1", "line 2: expected a metric name")]
    [InlineData("m", "line 2: expected a space before the value")]
    [InlineData("m one", "line 2: expected a number as the value")]
    [InlineData("m 0x10", "line 2: expected a number as the value")]
    [InlineData("m 1 1.5", "line 2: expected an integer timestamp")]
    [InlineData("m 1 2 3", "line 2: expected the end of the line after the timestamp")]
    [InlineData("m{a=1} 1", "line 2: expected a quoted label value")]
    [InlineData("m{a=\"1} 1", "line 2: expected a closing quote")]
    [InlineData("m{a=\"\\t\"} 1", "line 2: expected an escape of \\, \" or n in a label value")]
    [InlineData("m{a\"1\"} 1", "line 2: expected '=' after a label name")]
    [InlineData("m{a=\"1\" b=\"2\"} 1", "line 2: expected ',' or '}' after a label value")]
    [InlineData("m{=\"1\"} 1", "line 2: expected a label name")]
    public void A_malformed_line_fails_the_read_naming_the_line(string line, string message)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusTextReader.Read("ok 1\n" + line).ToList());

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_line_with_too_many_labels_fails()
    {
        var labels = string.Join(',', Enumerable.Range(0, PrometheusTextReader.MaxLabels + 1).Select(i => $"l{i}=\"v\""));

        var error = Assert.Throws<FormatException>(() => PrometheusTextReader.Read($"m{{{labels}}} 1").ToList());

        Assert.Equal($"line 1: expected at most {PrometheusTextReader.MaxLabels} labels", error.Message);
    }
}
