namespace Orchestrator.ApiServer.Authentication.ServiceAccounts;

/// <summary>A name and uid in a token's <c>kubernetes.io</c> claim (the service account, a bound pod, secret or node).</summary>
internal sealed record BoundObject(string Name, string Uid);
