using System.Globalization;

namespace Orchestrator.Bench.Dns;

/// <summary>One server set-up to measure: "batch:2" (recvmmsg loops, 2 threads) or "single:4" (a datagram per call, 4 threads).</summary>
internal sealed record BenchVariant(string Name, bool Batch, int Receivers)
{
    public static BenchVariant Parse(string text)
    {
        var parts = text.Trim().Split(':');
        if (parts.Length != 2 || parts[0] is not ("batch" or "single") || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var receivers) || receivers < 1)
        {
            throw new ArgumentException($"DNS_BENCH_VARIANTS: \"{text}\" is not batch:N or single:N");
        }

        return new BenchVariant(text.Trim(), parts[0] == "batch", receivers);
    }
}
