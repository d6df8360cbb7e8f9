namespace Orchestrator.ApiServer.Patching;

/// <summary>
/// How a strategic merge patch treats one field (upstream's <c>patchStrategy</c> and
/// <c>patchMergeKey</c> struct tags; OpenAPI's <c>x-kubernetes-patch-strategy</c> / <c>-merge-key</c>).
/// </summary>
/// <param name="Merge">Lists are merged instead of replaced (by <paramref name="MergeKey"/> for objects, by value for primitives).</param>
/// <param name="RetainKeys">Keys absent from the patch are cleared (used for union types such as a deployment's strategy).</param>
/// <param name="MergeKey">Field that identifies an element of a merged list of objects; null for lists of primitives.</param>
internal sealed record PatchStrategy(bool Merge, bool RetainKeys, string? MergeKey)
{
    /// <summary>The strategy as OpenAPI writes it: "merge", "retainKeys" or "merge,retainKeys".</summary>
    public string Tag => (Merge, RetainKeys) switch
    {
        (true, true) => "merge,retainKeys",
        (true, false) => "merge",
        _ => "retainKeys",
    };
}
