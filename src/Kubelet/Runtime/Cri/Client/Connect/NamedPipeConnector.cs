using System.IO.Pipes;

namespace Orchestrator.Kubelet.Runtime.Cri.Client.Connect;

/// <summary>
/// Connects to a Windows named pipe (containerd's <c>\\.\pipe\containerd-containerd</c>). On Linux and
/// macOS .NET implements named pipes as unix domain sockets, so the same code runs (and is tested) there.
/// </summary>
internal sealed class NamedPipeConnector(string serverName, string pipeName) : ICriConnector
{
    public string ServerName { get; } = serverName;

    public string PipeName { get; } = pipeName;

    public string Endpoint => $@"\\{ServerName}\pipe\{PipeName}";

    public async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var pipe = new NamedPipeClientStream(ServerName, PipeName, PipeDirection.InOut, PipeOptions.Asynchronous);
        try
        {
            await pipe.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return pipe;
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
