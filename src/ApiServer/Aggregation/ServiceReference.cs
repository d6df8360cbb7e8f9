namespace Orchestrator.ApiServer.Aggregation;

/// <summary>An APIService's <c>spec.service</c>: where its aggregated API server is (port defaults to 443).</summary>
internal sealed record ServiceReference(string Namespace, string Name, int Port)
{
    /// <summary>The name the backend's serving certificate must carry (upstream: <c>&lt;svc&gt;.&lt;ns&gt;.svc</c>).</summary>
    public string ServerName => $"{Name}.{Namespace}.svc";
}
