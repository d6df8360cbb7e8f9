using Orchestrator.ApiServer.Metrics.Serving;

namespace Orchestrator.ApiServer.Tests.Metrics.Serving;

public sealed class MetricsJsonTests
{
    [Theory]
    [InlineData(12_345_678UL, "12345678n")]
    [InlineData(12_345_000UL, "12345u")]
    [InlineData(12_000_000UL, "12m")]
    [InlineData(1_500_000_000UL, "1500m")]
    [InlineData(2_000_000_000UL, "2")]
    [InlineData(0UL, "0")]
    [InlineData(7UL, "7n")]
    public void Cpu_is_printed_as_metrics_server_prints_nanocores(ulong nanoCores, string expected)
    {
        Assert.Equal(expected, MetricsJson.Cpu(nanoCores));
    }

    [Theory]
    [InlineData(1234UL * 1024, "1234Ki")]
    [InlineData(3UL << 20, "3Mi")]
    [InlineData(1000UL, "1k")] // under 1Ki a binary quantity prints as decimal, as upstream's
    [InlineData(1025UL, "1025")]
    [InlineData(0UL, "0")]
    [InlineData(13_217_792UL, "12908Ki")]
    public void Memory_is_printed_as_metrics_server_prints_bytes(ulong bytes, string expected)
    {
        Assert.Equal(expected, MetricsJson.Memory(bytes));
    }
}
