using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>What the server answered to one hostile request, and how long it took.</summary>
internal sealed record Answer(int Code, byte[] Body, TimeSpan Elapsed, IReadOnlyList<string> Warnings)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The body as a JSON object, or null when it is empty or not JSON.</summary>
    public JsonObject? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public string? Kind => Json?["kind"]?.GetValue<string>();

    /// <summary>A short description for assertion messages: code, time and the start of the body.</summary>
    public override string ToString()
    {
        var text = Text;
        return $"{Code} in {Elapsed.TotalMilliseconds:F0} ms: {(text.Length > 400 ? text[..400] + "…" : text)}";
    }
}
