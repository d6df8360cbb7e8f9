using System.Text.Encodings.Web;

namespace Orchestrator.ApiServer.FieldManagement;

/// <summary>JSON text as Go's encoder writes it in path elements (no HTML escaping).</summary>
internal static class JsonText
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
