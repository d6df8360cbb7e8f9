namespace Orchestrator.ApiServer.Authorization;

/// <summary>
/// An authorizer that can list what a user may do in a namespace (upstream's authorizer.RuleResolver),
/// for SelfSubjectRulesReview. Thread-safe.
/// </summary>
internal interface IRuleResolver
{
    /// <summary>The rules that apply to <paramref name="user"/> in <paramref name="namespace"/>, and the errors met resolving them (the answer is then incomplete).</summary>
    (IReadOnlyList<PolicyRule> Rules, IReadOnlyList<string> Errors) RulesFor(UserInfo user, string @namespace);
}
