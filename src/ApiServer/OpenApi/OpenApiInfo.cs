namespace Orchestrator.ApiServer.OpenApi;

/// <summary>The <c>info</c> every OpenAPI document carries; kube-apiserver puts its own version here.</summary>
internal static class OpenApiInfo
{
    public const string Title = "Kubernetes";

    /// <summary>The Kubernetes version whose API (and kubectl behaviour) this server follows.</summary>
    public const string Version = "v1.33.0";

    /// <summary>
    /// Opens a JSON document's root object and writes its spec version (<c>"swagger": "2.0"</c>,
    /// <c>"openapi": "3.0.0"</c>) and <c>info</c>; the caller writes the rest and closes the root.
    /// </summary>
    public static void WriteDocumentStart(Utf8JsonWriter writer, string specField, string specVersion)
    {
        writer.WriteStartObject();
        writer.WriteString(specField, specVersion);
        writer.WriteStartObject("info");
        writer.WriteString("title", Title);
        writer.WriteString("version", Version);
        writer.WriteEndObject();
    }
}
