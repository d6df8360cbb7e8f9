using System.Net;

namespace Orchestrator.Kubelet.Server;

/// <summary>Where the kubelet's HTTP server listens and how it follows logs (defaults are upstream's where it has one).</summary>
public sealed record KubeletServerOptions
{
    /// <summary>The address to bind (upstream --address, 0.0.0.0).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>The port (upstream --port, 10250); 0 binds an ephemeral port, read from <see cref="KubeletServer.Port"/> after start.</summary>
    public int Port { get; init; } = 10250;

    /// <summary>How often a followed log file is polled for new lines at its end.</summary>
    public TimeSpan LogPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often, while a followed log is at its end, the runtime is asked whether the container still runs.</summary>
    public TimeSpan LogRunningCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when a value cannot work.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(BindAddress);
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LogPollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(LogRunningCheckInterval, TimeSpan.Zero);
    }
}
