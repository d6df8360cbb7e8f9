using k8s.Models;

namespace Orchestrator.ApiServer.Registry.Authentication;

/// <summary>
/// The create-only kinds of authentication.k8s.io (answered by their review handlers, never stored):
/// TokenReview and SelfSubjectReview v1, and SelfSubjectReview v1beta1 for kubectl 1.27's
/// <c>auth whoami</c> (same schema; the model types have no list kinds, so the kind is its own).
/// </summary>
internal static class AuthenticationResources
{
    public const string Group = "authentication.k8s.io";

    private static readonly string[] Create = ["create"];

    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Review<V1TokenReview>("v1", "tokenreviews", "tokenreview"),
        Review<V1SelfSubjectReview>("v1", "selfsubjectreviews", "selfsubjectreview"),
        Review<V1SelfSubjectReview>("v1beta1", "selfsubjectreviews", "selfsubjectreview"),
    ];

    private static ResourceDefinition Review<TModel>(string version, string plural, string singular) => new()
    {
        Group = Group,
        Version = version,
        Kind = (string)typeof(TModel).GetField("KubeKind")!.GetValue(null)!,
        Plural = plural,
        Singular = singular,
        Namespaced = false,
        ModelType = typeof(TModel),
        ListType = typeof(TModel),
        Verbs = Create,
        Stored = false,
    };
}
