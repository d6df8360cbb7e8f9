namespace Orchestrator.Client.Tests.LeaderElection;

/// <summary>
/// Cuts a client off from the API server while <see cref="Partitioned"/> is set, and counts the
/// requests the server answered: a test waits for a candidate's next attempts instead of sleeping.
/// </summary>
internal sealed class PartitionHandler : DelegatingHandler
{
    private volatile bool _partitioned;
    private int _answered;
    private int _reads;

    public bool Partitioned
    {
        get => _partitioned;
        set => _partitioned = value;
    }

    /// <summary>Requests that reached the server and got a response.</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>GET requests among <see cref="Answered"/>.</summary>
    public int Reads => Volatile.Read(ref _reads);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_partitioned)
        {
            throw new HttpRequestException("network partition (test)");
        }

        var response = await base.SendAsync(request, cancellationToken);
        Interlocked.Increment(ref _answered);
        if (request.Method == HttpMethod.Get)
        {
            Interlocked.Increment(ref _reads);
        }

        return response;
    }
}
