using System.Diagnostics;
using System.Text;
using Orchestrator.Store;

namespace Orchestrator.Testing;

/// <summary>
/// Concurrent writers for fail-over tests and benchmarks: each writer creates its own keys
/// (<c>{prefix}w{writer}/{n}</c>) one after another through one shared <see cref="IStore"/>, records
/// every acknowledged create with the time it was acknowledged, and counts writes that failed (their
/// outcome unknown to the writer, which moves on to its next key).
/// </summary>
public sealed class StoreWriters : IAsyncDisposable
{
    private readonly IStore _store;
    private readonly string _prefix;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<Ack> _acks = [];
    private readonly List<string> _failures = [];
    private readonly Task[] _writers;

    private StoreWriters(IStore store, string prefix, int writers)
    {
        _store = store;
        _prefix = prefix;
        _writers = Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w))).ToArray();
    }

    /// <summary>Starts <paramref name="writers"/> writers under <paramref name="prefix"/>.</summary>
    public static StoreWriters Start(IStore store, string prefix, int writers) => new(store, prefix, writers);

    /// <summary>Time since the writers started, the clock of <see cref="Ack.At"/>.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>The acknowledged creates so far, in acknowledgement order.</summary>
    public IReadOnlyList<Ack> Acks
    {
        get
        {
            lock (_lock)
            {
                return _acks.ToArray();
            }
        }
    }

    /// <summary>Every failed write as "key: error", in order.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_lock)
            {
                return _failures.ToArray();
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> writes were acknowledged after <paramref name="since"/>.</summary>
    public async Task WaitForAcksAfterAsync(TimeSpan since, int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (Acks.Count(a => a.At > since) < count)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"fewer than {count} writes acknowledged within {timeout.TotalSeconds} s after {since.TotalMilliseconds:F0} ms; failures: "
                    + string.Join("; ", Failures.TakeLast(5)));
            }

            await Task.Delay(10);
        }
    }

    /// <summary>
    /// The write gap after <paramref name="at"/> (a kill): the longest pause between consecutive
    /// acknowledgements, counting from the last one before it and up to now (a stall still under way
    /// counts); null when nothing was acknowledged after it.
    /// </summary>
    /// <remarks>
    /// Not simply the first acknowledgement after <paramref name="at"/>: writes already answered while
    /// the kill was under way would hide the stall of the writes that were in flight.
    /// </remarks>
    public TimeSpan? GapAfter(TimeSpan at)
    {
        var now = Now;
        var times = Acks.Select(a => a.At).Order().ToList();
        var first = times.FindLastIndex(t => t <= at);
        if (first < 0 || first == times.Count - 1)
        {
            return null;
        }

        times.Add(now);
        return Enumerable.Range(first, times.Count - first - 1).Max(i => times[i + 1] - times[i]);
    }

    /// <summary>Acknowledged writes per second between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public double RateBetween(TimeSpan from, TimeSpan to) =>
        Acks.Count(a => a.At > from && a.At <= to) / (to - from).TotalSeconds;

    /// <summary>Stops the writers and waits for their last writes to return.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_writers);
        _stop.Dispose();
    }

    private async Task WriteAsync(int writer)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var key = $"{_prefix}w{writer}/{n:D6}";
            var value = Encoding.UTF8.GetBytes($"writer {writer} write {n}");
            try
            {
                var created = await _store.CreateAsync(key, value, cancellationToken: _stop.Token);
                lock (_lock)
                {
                    _acks.Add(new Ack(key, value, created.ModRevision, _clock.Elapsed));
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A writer records any failure and moves on: that is what it measures.
            catch (Exception error)
#pragma warning restore CA1031
            {
                lock (_lock)
                {
                    _failures.Add($"{key} at {_clock.Elapsed.TotalMilliseconds:F0} ms: {error.GetType().Name}: {error.Message}");
                }
            }
        }
    }

    /// <summary>One acknowledged create: what was written, at which revision, when the writer got the answer.</summary>
    public sealed record Ack(string Key, byte[] Value, long Revision, TimeSpan At);
}
