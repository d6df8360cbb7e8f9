namespace Orchestrator.Kubelet.Runtime.Cri.Client.Connect;

/// <summary>
/// Parses a container runtime endpoint as upstream's <c>--container-runtime-endpoint</c> accepts it:
/// <c>unix:///abs/path.sock</c>, or on Windows <c>npipe://./pipe/name</c> (also written <c>npipe:////./pipe/name</c>).
/// </summary>
internal static class CriEndpoint
{
    private const string UnixScheme = "unix://";
    private const string PipeScheme = "npipe://";

    public static ICriConnector Parse(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        if (endpoint.StartsWith(UnixScheme, StringComparison.Ordinal))
        {
            var path = endpoint[UnixScheme.Length..];
            if (!path.StartsWith('/'))
            {
                throw new ArgumentException($"CRI endpoint '{endpoint}': a unix socket path must be absolute (unix:///path/to.sock).", nameof(endpoint));
            }

            return new UnixSocketConnector(path);
        }

        if (endpoint.StartsWith(PipeScheme, StringComparison.Ordinal))
        {
            return ParsePipe(endpoint);
        }

        throw new ArgumentException(
            $"CRI endpoint '{endpoint}' is not supported: use unix:///path/to.sock or npipe://./pipe/<name>.", nameof(endpoint));
    }

    private static NamedPipeConnector ParsePipe(string endpoint)
    {
        // "npipe://./pipe/name" and "npipe:////./pipe/name" both name \\.\pipe\name.
        var rest = endpoint[PipeScheme.Length..].Replace('\\', '/').TrimStart('/');
        var parts = rest.Split('/');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[1].Equals("pipe", StringComparison.OrdinalIgnoreCase) || parts[2].Length == 0)
        {
            throw new ArgumentException($"CRI endpoint '{endpoint}': a named pipe must be written npipe://<server>/pipe/<name>, e.g. npipe://./pipe/containerd-containerd.", nameof(endpoint));
        }

        return new NamedPipeConnector(parts[0], parts[2]);
    }
}
