namespace Orchestrator.ApiServer.OpenApi;

/// <summary>A served group/version and the two ways OpenAPI spells it.</summary>
internal readonly record struct GroupVersion(string Group, string Version)
{
    /// <summary>Key under the <c>/openapi/v3</c> root's <c>paths</c>, without a leading slash: "api/v1", "apis/apps/v1".</summary>
    public string Key => Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";

    /// <summary>URL prefix of the group-version's REST paths: "/api/v1", "/apis/apps/v1".</summary>
    public string PathPrefix => "/" + Key;

    /// <summary>Upstream's operationId infix: CoreV1, AppsV1, RbacAuthorizationV1 (".k8s.io" dropped, words joined).</summary>
    public string OperationInfix => GroupWord + Capitalize(Version);

    /// <summary>Upstream's operation tag: core_v1, apps_v1, rbacAuthorization_v1.</summary>
    public string Tag => char.ToLowerInvariant(GroupWord[0]) + GroupWord[1..] + "_" + Version;

    private string GroupWord =>
        string.Concat((Group.Length == 0 ? "core" : Group.Replace(".k8s.io", "", StringComparison.Ordinal)).Split('.').Select(Capitalize));

    private static string Capitalize(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
