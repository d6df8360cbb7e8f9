using System.Diagnostics;

namespace Orchestrator.Client.Tests.Support;

/// <summary>Polling for conditions that other threads (informers, workers) make true.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(10)), "timed out waiting until " + because);
            await Task.Delay(10);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(10)), "timed out waiting until " + because);
            await Task.Delay(20);
        }
    }
}
