namespace Orchestrator.ApiServer.Tables;

/// <summary>What each Table row carries in <c>rows[].object</c> (the <c>includeObject</c> query parameter).</summary>
internal enum IncludeObject
{
    /// <summary><c>includeObject=None</c>: <c>"object": null</c>.</summary>
    None,

    /// <summary>The default: a PartialObjectMetadata holding the object's metadata.</summary>
    Metadata,

    /// <summary><c>includeObject=Object</c> (sent by <c>kubectl get --sort-by</c>): the full object.</summary>
    Object,
}
