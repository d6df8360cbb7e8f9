using System.Net.Http.Headers;
using Orchestrator.ApiServer.Discovery;

namespace Orchestrator.ApiServer.Aggregation.Discovery;

/// <summary>
/// The aggregated groups in this server's discovery (kube-aggregator's apis handler and discovery manager). The legacy
/// <c>/apis</c> lists every group that has an APIService with a service, available or not, as upstream does (a
/// client then learns of an unavailable one from its 503). Aggregated discovery (v2, v2beta1) carries each version's
/// resources, fetched from the backend's <c>/apis/&lt;group&gt;/&lt;version&gt;</c> through the proxy's verified client and
/// cached: fetched again when the APIService changes (its availability included) and every
/// <see cref="RefreshInterval"/>; a version that is unavailable or whose last fetch failed keeps its last resources
/// marked <c>Stale</c>, as upstream v2 marks it. Thread-safe.
/// </summary>
internal sealed partial class AggregatedDiscovery(ApiServiceIndex index, AggregatedBackends backends, TimeProvider time, ILogger<AggregatedDiscovery> logger)
    : BackgroundService, IDiscoveryGroupSource
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Fetched> _fetched = new(StringComparer.Ordinal);
    private readonly PendingKeys _pending = new();

    public IReadOnlyList<JsonObject> ApiGroups() => [.. Groups().Select(AggregatedGroupDocuments.ApiGroup)];

    public IReadOnlyList<JsonObject> AggregatedGroups() =>
        [.. Groups().Select(g => AggregatedGroupDocuments.AggregatedGroup(g, Lookup))];

    /// <summary>The legacy APIGroup of <paramref name="group"/> when it is served through an APIService with a service, else null.</summary>
    public JsonObject? ApiGroup(string group) =>
        Groups().FirstOrDefault(g => g[0].Group == group) is { } versions ? AggregatedGroupDocuments.ApiGroup(versions) : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        index.Changed += OnChanged;
        try
        {
            await index.WaitReadyAsync(stoppingToken);
            var refresh = RefreshAsync(stoppingToken);
            _pending.AddRange(index.All.Keys);
            while (!stoppingToken.IsCancellationRequested)
            {
                var names = await _pending.TakeAsync(stoppingToken);
                await Task.WhenAll(names.Select(name => FetchAsync(name, stoppingToken)));
            }

            await refresh;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping with the server.
        }
        finally
        {
            index.Changed -= OnChanged;
        }
    }

    private IEnumerable<IReadOnlyList<ApiServiceEntry>> Groups() =>
        ApiServiceOrder.ByGroupAndVersion(index.All.Values).Where(g => g.Any(v => !v.IsLocal));

    private (JsonArray Resources, bool Current)? Lookup(ApiServiceEntry apiService) =>
        _fetched.TryGetValue(apiService.Name, out var fetched)
            ? (fetched.Resources, fetched.Current && apiService.Available)
            : null;

    private void OnChanged(string name)
    {
        if (!index.All.ContainsKey(name))
        {
            _fetched.TryRemove(name, out _);
            return;
        }

        _pending.Add(name);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            _pending.AddRange(index.All.Keys);
        }
    }

    /// <summary>Fetches one version's resources when it is available; otherwise (or on failure) marks what it has stale.</summary>
    private async Task FetchAsync(string name, CancellationToken cancellationToken)
    {
        if (!index.All.TryGetValue(name, out var apiService) || apiService.Service is not { } service)
        {
            return;
        }

        if (!apiService.Available)
        {
            _fetched.AddOrUpdate(name, _ => new Fetched([], Current: false), (_, old) => old with { Current = false });
            return;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{AggregatedBackends.Prefix(service)}/apis/{apiService.Group}/{apiService.Version}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.TryAddWithoutValidation(ProxyHeaders.User, "system:kube-aggregator");
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(FetchTimeout);
            using var response = await backends.ClientFor(apiService).SendAsync(request, deadline.Token);
            response.EnsureSuccessStatusCode();
            var list = JsonNode.Parse(await response.Content.ReadAsStringAsync(deadline.Token)) as JsonObject
                ?? throw new FormatException("the discovery document is not a JSON object");
            _fetched[name] = new Fetched(ResourceListConversion.Resources(list, apiService.Group, apiService.Version), Current: true);
        }
        catch (Exception e) when (e is HttpRequestException or FormatException or ArgumentException or System.Text.Json.JsonException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _fetched.AddOrUpdate(name, _ => new Fetched([], Current: false), (_, old) => old with { Current = false });
            Log.FetchFailed(logger, name, e);
        }
    }

    private sealed record Fetched(JsonArray Resources, bool Current);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Could not fetch the discovery document of APIService {Name}; its resources are marked stale")]
        public static partial void FetchFailed(ILogger logger, string name, Exception exception);
    }
}
