namespace Orchestrator.ControllerManager.Controllers.ReplicaSet;

/// <summary>
/// Upstream's <c>slowStartBatch</c>: runs <c>count</c> calls in batches of 1, 2, 4, … in parallel,
/// stopping after the first batch with a failure, so a failing create (quota, admission) costs a
/// handful of calls instead of hundreds.
/// </summary>
internal static class SlowStart
{
    public const int InitialBatchSize = 1;

    /// <returns>How many calls succeeded and the first error, if any.</returns>
    public static async Task<(int Successes, Exception? Error)> RunAsync(int count, int initialBatchSize, Func<Task> call)
    {
        var successes = 0;
        var remaining = count;
        var batch = Math.Min(remaining, initialBatchSize);
        while (batch > 0)
        {
            var tasks = Enumerable.Range(0, batch).Select(_ => Run(call)).ToArray();
            var errors = (await Task.WhenAll(tasks)).Where(e => e is not null).ToList();
            successes += batch - errors.Count;
            if (errors.Count > 0)
            {
                return (successes, errors[0]);
            }

            remaining -= batch;
            batch = Math.Min(2 * batch, remaining);
        }

        return (successes, null);
    }

    private static async Task<Exception?> Run(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
#pragma warning disable CA1031 // every failure is reported to the caller, which records it
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }
}
