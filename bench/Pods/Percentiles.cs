namespace Orchestrator.Bench.Pods;

/// <summary>p50 and p99 of a sample, in milliseconds.</summary>
internal sealed record Percentiles(double P50, double P99, double Min, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double At(double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
        return new Percentiles(At(0.5), At(0.99), sorted[0], sorted[^1]);
    }

    public override string ToString() => $"p50 {P50:F0} ms, p99 {P99:F0} ms (min {Min:F0}, max {Max:F0})";
}
