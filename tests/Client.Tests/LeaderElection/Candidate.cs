using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;

namespace Orchestrator.Client.Tests.LeaderElection;

/// <summary>
/// One process campaigning for a lease: runs an elector whose leading work lasts until leadership
/// ends, and reports every term to a shared <see cref="Terms"/> log that counts overlapping leaders.
/// </summary>
internal sealed class Candidate : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _leading;

    public Candidate(IKubernetes client, string lease, string identity, Terms terms)
    {
        Identity = identity;
        Elector = new LeaderElector(client, Options(lease, identity), NullLogger.Instance);
        Run = Task.Run(() => Elector.RunAsync(
            async ct =>
            {
                terms.Begin();
                _leading = true;
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                finally
                {
                    _leading = false;
                    terms.End();
                }
            },
            _stop.Token));
    }

    public string Identity { get; }

    public LeaderElector Elector { get; }

    /// <summary>True while the leading work runs (from acquiring until the work's token is cancelled).</summary>
    public bool Leading => _leading;

    public Task Run { get; }

    public static LeaderElectionOptions Options(string lease, string identity) => new(lease, identity)
    {
        LeaseNamespace = "default",
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromSeconds(1.5),
        RetryPeriod = TimeSpan.FromSeconds(0.3),
    };

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}

/// <summary>Counts leaders at once across candidates; more than one is a split brain.</summary>
internal sealed class Terms
{
    private int _current;
    private int _overlaps;
    private int _started;

    public int Overlaps => Volatile.Read(ref _overlaps);

    public int Started => Volatile.Read(ref _started);

    public void Begin()
    {
        Interlocked.Increment(ref _started);
        if (Interlocked.Increment(ref _current) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }
    }

    public void End() => Interlocked.Decrement(ref _current);
}
