namespace Orchestrator.ApiServer.Proxy;

/// <summary>
/// Where one proxy request goes: <paramref name="Origin"/> (scheme://host:port) and the backend path (see
/// <see cref="ProxyPath.Backend"/>); <paramref name="Prefix"/> is the API path the backend's URLs are moved under;
/// <paramref name="Client"/> the transport; <paramref name="UnreachableStatus"/> the status of "error trying to reach
/// service"; <paramref name="ForwardHost"/> whether the backend sees the client's Host header (upstream's proxy does
/// for pods and services) or its own address.
/// </summary>
internal sealed record ProxyDestination(
    Uri Origin, string BackendPath, string Prefix, System.Net.Http.HttpMessageInvoker Client, int UnreachableStatus, bool ForwardHost);
