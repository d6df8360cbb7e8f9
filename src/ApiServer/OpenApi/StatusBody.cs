namespace Orchestrator.ApiServer.OpenApi;

/// <summary>
/// A metav1.Status failure, the body kubectl expects of any error. Written by hand rather than
/// through the host's JSON options, which this feature does not own.
/// </summary>
internal static class StatusBody
{
    public static IResult Failure(int code, string reason, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "Status");
            writer.WriteString("apiVersion", "v1");
            writer.WriteStartObject("metadata");
            writer.WriteEndObject();
            writer.WriteString("status", "Failure");
            writer.WriteString("message", message);
            writer.WriteString("reason", reason);
            writer.WriteNumber("code", code);
            writer.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json", Encoding.UTF8, code);
    }
}
