using System.Text;
using System.Text.Json;

namespace Orchestrator.Client.Registry;

/// <summary>The distribution error body <c>{"errors":[{"code":"MANIFEST_UNKNOWN","message":"…"}]}</c>, as one line.</summary>
internal static class RegistryErrors
{
    public static string? Message(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0 && errors[0].ValueKind == JsonValueKind.Object)
            {
                var first = errors[0];
                var code = first.TryGetProperty("code", out var c) ? c.ToString() : null;
                var message = first.TryGetProperty("message", out var m) ? m.ToString() : null;
                return string.Join(": ", new[] { code, message }.Where(s => !string.IsNullOrEmpty(s)));
            }
        }
        catch (JsonException)
        {
            // Not the distribution error shape: show the start of the text instead.
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? null : text;
    }
}
