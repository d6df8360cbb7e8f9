namespace Orchestrator.ApiServer.Hosting.Connections;

/// <summary>
/// Per connection: whether the application is producing the response being written. Set by
/// <see cref="ResponseOwnershipMiddleware"/> when a request reaches the app and cleared once its
/// response is completely written; whatever Kestrel writes while it is clear is a response Kestrel
/// made by itself (a request it rejected before the app saw it).
/// </summary>
internal sealed class ResponseOwnership
{
    private volatile bool _appOwnsOutput;

    public bool AppOwnsOutput
    {
        get => _appOwnsOutput;
        set => _appOwnsOutput = value;
    }
}
