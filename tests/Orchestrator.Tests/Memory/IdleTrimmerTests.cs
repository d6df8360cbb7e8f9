using Orchestrator.Host.Memory;

namespace Orchestrator.Orchestrator.Tests.Memory;

public sealed class IdleTrimmerTests
{
    [Fact]
    public async Task WhenTheWorkFails_TheTrimmerStops_AndTheFailureComesThrough()
    {
        // The kubelet command waits on its components and the trimmer together: a component that fails must end the
        // command (exit), not leave it waiting for the trimmer's 30 s timer until a signal comes.
        var run = IdleTrimmer.WhileRunningAsync(Task.FromException(new InvalidOperationException("registration failed")), CancellationToken.None);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("registration failed", thrown.Message);
    }

    [Fact]
    public async Task WhenTheWorkEnds_TheTrimmerStopsWithIt()
    {
        var work = new TaskCompletionSource();
        var run = IdleTrimmer.WhileRunningAsync(work.Task, CancellationToken.None);
        Assert.False(run.IsCompleted);

        work.SetResult();

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(run.IsCompletedSuccessfully);
    }
}
