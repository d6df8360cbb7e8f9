namespace Orchestrator.Client.Tests.LeaderElection;

/// <summary>Cuts a client off from the API server while <see cref="Partitioned"/> is set.</summary>
internal sealed class PartitionHandler : DelegatingHandler
{
    private volatile bool _partitioned;

    public bool Partitioned
    {
        get => _partitioned;
        set => _partitioned = value;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _partitioned ? throw new HttpRequestException("network partition (test)") : base.SendAsync(request, cancellationToken);
}
