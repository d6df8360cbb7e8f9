namespace Orchestrator.ControllerManager.Kinds;

/// <summary>
/// The typed API calls for one served kind, so controllers that handle every kind (garbage
/// collector, namespace deleter) can work through the official client without a dynamic one.
/// Namespace arguments are ignored for cluster-scoped kinds.
/// </summary>
internal sealed record KindOperations(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    Func<IKubernetes, string, string, CancellationToken, Task<V1ObjectMeta>> Get,
    Func<IKubernetes, string, string, V1DeleteOptions, CancellationToken, Task> Delete,
    Func<IKubernetes, string, string, V1Patch, CancellationToken, Task> Patch,
    Func<IKubernetes, string, CancellationToken, Task<IReadOnlyList<V1ObjectMeta>>> List,
    Func<IKubernetes, string, V1DeleteOptions, CancellationToken, Task>? DeleteCollection = null)
{
    /// <summary>"group/version", or "version" for the core group, as ownerReferences spell apiVersion.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>"plural.group" as upstream messages print a resource (core group: "plural.").</summary>
    public string GroupResource => $"{Plural}.{Group}";
}
