using Prometheus;

namespace Orchestrator.Host.Commands;

/// <summary>
/// <c>--metrics-bind-address HOST:PORT</c> of the component commands (scheduler, controller-manager,
/// kubelet, proxy): upstream's flag name, serving prometheus-net's default registry on plain HTTP at
/// <c>http://HOST:PORT/metrics</c>. Off unless given (or given as <c>0</c>, upstream's way to disable it):
/// the endpoint has no authentication, so it is for loopback or a trusted network. In <c>up</c> the
/// components' metrics are on the API server's authorized <c>/metrics</c> instead.
/// </summary>
internal static class MetricsListener
{
    public const string Flag = "metrics-bind-address";

    /// <summary>The option: an IP endpoint, or null when metrics serving is off (not given, or 0).</summary>
    public static Option<IPEndPoint?> BindAddress() =>
        OptionSpec.Parsed<IPEndPoint?>(Flag, "HOST:PORT", "Prometheus /metrics on plain HTTP (off by default; 0: off)", text =>
            text == "0" ? null
            : IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0 && text.Contains(':', StringComparison.Ordinal) ? endpoint
            : throw new UsageException($"--{Flag} must be HOST:PORT with an IP address and a port from 1 to 65535 (or 0 to disable), not \"{text}\""));

    /// <summary>The address asked for, or null when metrics serving is off.</summary>
    public static IPEndPoint? Address(ParseResult parsed) => parsed.Value<IPEndPoint>(Flag);

    /// <summary>Starts serving, or returns null when <paramref name="endpoint"/> is null; dispose to stop.</summary>
    public static async Task<IDisposable?> StartAsync(IPEndPoint? endpoint, TextWriter output)
    {
        if (endpoint is null)
        {
            return null;
        }

        var host = endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any)
            ? "+"
            : endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString();
        try
        {
            var server = new MetricServer(host, endpoint.Port).Start();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"metrics on http://{endpoint}/metrics"));
            return server;
        }
        catch (HttpListenerException e)
        {
            throw new InvalidOperationException($"--{Flag} {endpoint}: cannot listen ({e.Message})", e);
        }
    }
}
