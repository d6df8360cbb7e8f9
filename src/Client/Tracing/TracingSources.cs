using System.Diagnostics;

namespace Orchestrator.Client.Tracing;

/// <summary>
/// The <see cref="ActivitySource"/> of every component, once. A source with no listener (tracing off, the
/// default) returns null from <c>StartActivity</c>, so a hook costs one check and allocates nothing.
/// </summary>
public static class TracingSources
{
    public const string ApiServerName = "Orchestrator.ApiServer";
    public const string ControllersName = "Orchestrator.Controllers";
    public const string SchedulerName = "Orchestrator.Scheduler";
    public const string KubeletName = "Orchestrator.Kubelet";

    /// <summary>ASP.NET Core's hosting source: the API server's server span per request, with the incoming W3C trace context.</summary>
    public const string AspNetCoreName = "Microsoft.AspNetCore";

    /// <summary>HttpClient's source: a client span per outgoing request, which also sends <c>traceparent</c> onward.</summary>
    public const string HttpClientName = "System.Net.Http";

    /// <summary>The name HttpClient gives its client activities.</summary>
    public const string HttpClientActivityName = "System.Net.Http.HttpRequestOut";

    public static readonly ActivitySource ApiServer = new(ApiServerName);
    public static readonly ActivitySource Controllers = new(ControllersName);
    public static readonly ActivitySource Scheduler = new(SchedulerName);
    public static readonly ActivitySource Kubelet = new(KubeletName);

    /// <summary>Every source a tracer provider listens to.</summary>
    public static IReadOnlyList<string> All { get; } = [ApiServerName, ControllersName, SchedulerName, KubeletName, AspNetCoreName, HttpClientName];
}
