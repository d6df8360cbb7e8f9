namespace Orchestrator.Bench.Dns;

/// <summary>One run's figures; percentiles are null when the client does not report them (dnsperf: mean only).</summary>
internal sealed record LoadResult(double Qps, long Queries, long MeanMicros, long? P50Micros, long? P99Micros, long Lost, long Wrong)
{
    /// <summary>The figures of a run of <paramref name="seconds"/> from its answers' latencies (µs, any order).</summary>
    public static LoadResult From(IEnumerable<long> latencies, double seconds, long lost, long wrong)
    {
        var sorted = latencies.Order().ToArray();
        long Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
        return new LoadResult(sorted.Length / seconds, sorted.Length, sorted.Length == 0 ? 0 : (long)sorted.Average(), Percentile(0.5), Percentile(0.99), lost, wrong);
    }

    /// <summary>Whether <paramref name="answer"/> (<paramref name="length"/> bytes) carries <paramref name="query"/>'s ID.</summary>
    public static bool Answers(ReadOnlySpan<byte> answer, int length, ReadOnlySpan<byte> query) => length >= 12 && answer[0] == query[0] && answer[1] == query[1];

    /// <summary>An answer is right with NOERROR and exactly one record (the Service's A record).</summary>
    public static bool IsRight(ReadOnlySpan<byte> answer) => (answer[3] & 0xF) == 0 && answer[6] == 0 && answer[7] == 1;
}
