namespace Orchestrator.ApiServer.Authentication.ServiceAccounts;

/// <summary>What a token is issued for: the service account, what it is bound to, its audiences and lifetime.</summary>
/// <param name="Namespace">The service account's namespace.</param>
/// <param name="ServiceAccount">The service account's name and uid.</param>
/// <param name="Pod">The bound pod, if any.</param>
/// <param name="Secret">The bound secret, if any.</param>
/// <param name="Node">The bound node, or the node of the bound pod, if any.</param>
/// <param name="Audiences">The token's audiences.</param>
/// <param name="ExpirationSeconds">The requested lifetime.</param>
internal sealed record TokenGrant(string Namespace, BoundObject ServiceAccount, BoundObject? Pod, BoundObject? Secret, BoundObject? Node, IReadOnlyList<string> Audiences, long ExpirationSeconds);
