namespace Orchestrator.ApiServer.Aggregation;

/// <summary>Who the API server is towards aggregated API servers: its front-proxy client certificate (with key), null when it has none.</summary>
internal sealed record FrontProxyIdentity(X509Certificate2? ClientCertificate);
