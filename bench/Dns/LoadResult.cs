namespace Orchestrator.Bench.Dns;

internal sealed record LoadResult(double Qps, long Queries, long P50Micros, long P99Micros, long Lost, long Wrong);
