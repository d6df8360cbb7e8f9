namespace Orchestrator.ApiServer.Serialization;

/// <summary>
/// How deep JSON may nest, everywhere the server reads or writes it. Request bodies are refused
/// past <see cref="MaxDepth"/> (upstream's encoding/json and YAML limit); what is stored and
/// served may be a few levels deeper once wrapped in a list or a watch event, so readers and
/// writers of stored objects allow <see cref="StoredDepth"/>.
/// </summary>
internal static class JsonLimits
{
    /// <summary>The deepest nesting a request body may have (Go's encoding/json and goyaml: 10,000).</summary>
    public const int MaxDepth = 10_000;

    /// <summary>Room for the wrappers around an object: list items, watch events, tables.</summary>
    public const int StoredDepth = MaxDepth + 16;

    public static readonly JsonDocumentOptions Document = new() { MaxDepth = StoredDepth };

    public static readonly JsonWriterOptions Writer = new() { MaxDepth = StoredDepth };

    public static readonly JsonSerializerOptions Serializer = new() { MaxDepth = StoredDepth };
}
