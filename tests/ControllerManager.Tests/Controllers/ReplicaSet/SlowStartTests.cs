using Orchestrator.ControllerManager.Controllers.ReplicaSet;

namespace Orchestrator.ControllerManager.Tests.Controllers.ReplicaSet;

public sealed class SlowStartTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(10, 10)]
    public async Task Runs_every_call_when_all_succeed(int count, int calls)
    {
        var made = 0;

        var (successes, error) = await SlowStart.RunAsync(count, 1, () => { Interlocked.Increment(ref made); return Task.CompletedTask; });

        Assert.Equal(calls, made);
        Assert.Equal(calls, successes);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(1, 1, 0)]   // first batch (1 call) fails
    [InlineData(2, 3, 2)]   // batches 1, 2: the second call fails, the rest of its batch still runs
    [InlineData(4, 7, 6)]   // batches 1, 2, 4: stops after the batch of 4
    public async Task Stops_after_the_batch_with_the_first_failure(int failingCall, int callsMade, int successes)
    {
        var made = 0;

        var result = await SlowStart.RunAsync(100, 1, () =>
        {
            var n = Interlocked.Increment(ref made);
            return n == failingCall ? Task.FromException(new InvalidOperationException("quota")) : Task.CompletedTask;
        });

        Assert.Equal(callsMade, made);
        Assert.Equal(successes, result.Successes);
        Assert.Equal("quota", result.Error?.Message);
    }
}
