using System.Threading.Channels;

namespace Orchestrator.KubeProxy;

/// <summary>A "something changed" flag: any number of raises before the sync loop looks become one sync.</summary>
internal sealed class SyncSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Raise() => channel.Writer.TryWrite(true);

    /// <summary>Waits for a raise (true) or until <paramref name="timeout"/> passes (false).</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await channel.Reader.WaitToReadAsync(linked.Token);
            return Clear();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Consumes a pending raise; true when there was one.</summary>
    public bool Clear() => channel.Reader.TryRead(out _);
}
