namespace Orchestrator.ApiServer.Proxy;

/// <summary>One endpoint address a services/proxy request may go to, and the pod it must belong to.</summary>
internal sealed record ServiceProxyCandidate(string Ip, int Port, string PodName);
