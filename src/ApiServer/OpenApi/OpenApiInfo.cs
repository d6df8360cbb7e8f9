namespace Orchestrator.ApiServer.OpenApi;

/// <summary>The <c>info</c> every OpenAPI document carries; kube-apiserver puts its own version here.</summary>
internal static class OpenApiInfo
{
    public const string Title = "Kubernetes";

    /// <summary>The Kubernetes version whose API (and kubectl behaviour) this server follows.</summary>
    public const string Version = "v1.33.0";
}
