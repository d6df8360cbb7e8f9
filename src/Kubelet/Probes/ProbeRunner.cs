namespace Orchestrator.Kubelet.Probes;

/// <summary>
/// Runs one attempt of a probe's handler (upstream's prober.runProbe). Returns the outcome; throws
/// <see cref="ProbeErrorException"/> when the probe could not be run at all (bad port, runtime error),
/// which leaves the probe's result as it was.
/// </summary>
internal sealed class ProbeRunner(IProbeExec exec, IProbeHttp network)
{
    public async Task<ProbeResult> RunAsync(V1Probe probe, V1Container container, string podIp, string containerId, TimeSpan timeout, CancellationToken ct)
    {
        if (probe.Exec is { } action)
        {
            var command = action.Command?.ToList() ?? [];
            try
            {
                var result = await exec.ExecAsync(containerId, command, timeout, ct).ConfigureAwait(false);
                return result.ExitCode == 0 ? ProbeResult.Success(result.Output) : ProbeResult.Failure(result.Output);
            }
            catch (TimeoutException)
            {
                return ProbeResult.Failure($"command \"{string.Join(' ', command)}\" timed out");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                throw new ProbeErrorException(e.Message, e);
            }
        }

        if (probe.HttpGet is { } get)
        {
            var url = HttpUrl(get, container, podIp);
            var headers = (get.HttpHeaders ?? []).Select(h => KeyValuePair.Create(h.Name, h.Value ?? string.Empty)).ToList();
            return await network.GetAsync(url, headers, timeout, ct).ConfigureAwait(false);
        }

        if (probe.TcpSocket is { } tcp)
        {
            var host = string.IsNullOrEmpty(tcp.Host) ? podIp : tcp.Host;
            return await network.ConnectAsync(host, ResolvePort(tcp.Port, container), timeout, ct).ConfigureAwait(false);
        }

        if (probe.Grpc is { } grpc)
        {
            return await network.GrpcCheckAsync(podIp, CheckPort(grpc.Port), grpc.Service ?? string.Empty, timeout, ct).ConfigureAwait(false);
        }

        throw new ProbeErrorException($"missing probe handler for {container.Name}");
    }

    internal static Uri HttpUrl(V1HTTPGetAction get, V1Container container, string podIp)
    {
        var scheme = string.IsNullOrEmpty(get.Scheme) ? "http" : get.Scheme.ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            throw new ProbeErrorException($"unsupported httpGet scheme \"{get.Scheme}\"");
        }

        var host = string.IsNullOrEmpty(get.Host) ? podIp : get.Host;
        var path = string.IsNullOrEmpty(get.Path) ? "/" : get.Path;
        var builder = new UriBuilder(scheme, host, ResolvePort(get.Port, container));
        var query = path.IndexOf('?', StringComparison.Ordinal);
        builder.Path = query < 0 ? path : path[..query];
        builder.Query = query < 0 ? string.Empty : path[(query + 1)..];
        return builder.Uri;
    }

    /// <summary>A port number, or the name of one of the container's ports (upstream's ResolveContainerPort).</summary>
    internal static int ResolvePort(IntOrString? port, V1Container container)
    {
        var text = port?.Value ?? string.Empty;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return CheckPort(number);
        }

        var named = container.Ports?.FirstOrDefault(p => p.Name == text)
            ?? throw new ProbeErrorException($"couldn't find port: {text} in container {container.Name}");
        return CheckPort(named.ContainerPort);
    }

    private static int CheckPort(int port) =>
        port is > 0 and < 65536 ? port : throw new ProbeErrorException($"invalid port number: {port}");
}
