namespace Orchestrator.ApiServer.CustomResources;

/// <summary>
/// What a served custom resource version carries beyond a built-in kind's definition: the CRD it comes
/// from, its structural schema (body pruning, defaulting, validation, OpenAPI) and its scale paths.
/// </summary>
/// <param name="CrdName">The CustomResourceDefinition's name, <c>plural.group</c>.</param>
/// <param name="Schema">The version's structural schema; null when the CRD gives none (never in apiextensions.k8s.io/v1).</param>
/// <param name="Scale">The scale subresource's paths, null without one.</param>
/// <param name="PreserveUnknownFields">spec.preserveUnknownFields: unknown fields are kept, not pruned.</param>
/// <param name="Terminating">The CRD is being deleted: its objects are read, updated and deleted, but no new one is created.</param>
internal sealed record CustomResourceInfo(string CrdName, StructuralSchema? Schema, ScalePaths? Scale, bool PreserveUnknownFields = false, bool Terminating = false);
