using System.Diagnostics;
using k8s;

namespace Orchestrator.Testing;

/// <summary>
/// Polls for a condition that other threads (informers, workers, controllers, a server) make true,
/// and fails the test (a <see cref="TimeoutException"/>) with what was awaited when a deadline passes: tests wait for the state they
/// need, never for a fixed time.
/// </summary>
public static class Eventually
{
    /// <summary>How long a poll waits unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <paramref name="timeout"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; fails after <paramref name="timeout"/>, with
    /// <paramref name="describe"/>'s account of the last state when given.
    /// </summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<Task<string>>? describe = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > (timeout ?? DefaultTimeout))
            {
                throw new TimeoutException("timed out waiting until " + what + (describe is null ? "" : "; last seen: " + await describe()));
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Reads until <paramref name="condition"/> holds for the value read, and returns that value.</summary>
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var value = await read();
        while (!condition(value))
        {
            if (clock.Elapsed > (timeout ?? DefaultTimeout))
            {
                throw new TimeoutException($"timed out waiting until {what}; last seen: {KubernetesJson.Serialize(value)}");
            }

            await Task.Delay(Interval);
            value = await read();
        }

        return value;
    }

    /// <summary>Reads until the value is not null, and returns it.</summary>
    public static async Task<T> NotNullAsync<T>(Func<Task<T?>> read, string what, TimeSpan? timeout = null)
        where T : class =>
        (await MatchesAsync(read, value => value is not null, what, timeout))!;
}
