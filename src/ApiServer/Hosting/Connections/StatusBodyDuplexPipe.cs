using System.IO.Pipelines;

namespace Orchestrator.ApiServer.Hosting.Connections;

/// <summary>The connection's transport with its output wrapped by <see cref="StatusBodyPipeWriter"/>.</summary>
internal sealed class StatusBodyDuplexPipe(IDuplexPipe transport, ResponseOwnership ownership) : IDuplexPipe
{
    public PipeReader Input { get; } = transport.Input;

    public PipeWriter Output { get; } = new StatusBodyPipeWriter(transport.Output, ownership);
}
