namespace Orchestrator.ApiServer.Registry.Certificates;

/// <summary>The condition types of a CertificateSigningRequest and who may set them.</summary>
internal static class CsrConditions
{
    public const string Approved = "Approved";
    public const string Denied = "Denied";
    public const string Failed = "Failed";

    /// <summary>Whether a condition type belongs to the <c>approval</c> subresource (Approved, Denied).</summary>
    public static bool IsApproval(string? type) => type is Approved or Denied;

    /// <summary>Types that must be True, once each, and can never be removed.</summary>
    public static bool IsFinal(string? type) => type is Approved or Denied or Failed;

    public static IEnumerable<JsonObject> Of(JsonObject csr) =>
        ((csr["status"] as JsonObject)?["conditions"] as JsonArray)?.OfType<JsonObject>() ?? [];

    public static string? TypeOf(JsonObject condition) =>
        condition["type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
