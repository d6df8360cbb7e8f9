namespace Orchestrator.ApiServer.Registry;

/// <summary>A subresource such as <c>status</c>, <c>scale</c> or <c>eviction</c>.</summary>
/// <param name="Name">Path segment after the object name.</param>
/// <param name="Group">Group of the subresource's kind (may differ from the parent's, e.g. autoscaling for scale).</param>
/// <param name="Version">Version of the subresource's kind.</param>
/// <param name="Kind">Kind sent and received (Scale, Eviction, Binding, or the parent's kind for status).</param>
/// <param name="Verbs">Verbs served.</param>
/// <param name="Connect">
/// A connect subresource (pods/log, exec, attach, portforward): its kind names query options, not a
/// body, and the request is streamed to the node rather than stored; OpenAPI lists no schema for it.
/// </param>
/// <param name="Strategy">
/// For a subresource of the parent's kind that writes one part of it (pods/ephemeralcontainers): its update
/// rules; the generic get, update and patch handlers then serve it as they serve the parent.
/// </param>
internal sealed record SubresourceDefinition(string Name, string Group, string Version, string Kind, IReadOnlyList<string> Verbs, bool Connect = false, ISubresourceStrategy? Strategy = null);
