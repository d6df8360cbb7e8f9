namespace Orchestrator.ApiServer.Authentication.Impersonation;

/// <summary>
/// One thing a request asks to act as, checked as verb <c>impersonate</c> on
/// <paramref name="Resource"/> in <paramref name="Group"/> (upstream's impersonation object references).
/// </summary>
/// <param name="Resource">users, groups, uids, userextras or serviceaccounts.</param>
/// <param name="Group">"" for users, groups and serviceaccounts; authentication.k8s.io for uids and userextras.</param>
/// <param name="Name">The user, group, uid or extra value.</param>
/// <param name="Namespace">The service account's namespace.</param>
/// <param name="Subresource">The extra's key, for userextras.</param>
internal sealed record ImpersonationTarget(string Resource, string Group, string Name, string Namespace = "", string Subresource = "");
