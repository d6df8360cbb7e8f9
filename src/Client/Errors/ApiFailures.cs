using System.Text.Json;

namespace Orchestrator.Client.Errors;

/// <summary>
/// Classifies API errors from the official client (upstream's <c>apierrors.IsNotFound</c> and
/// friends): by HTTP status, and by the Status body's reason where a status is ambiguous.
/// </summary>
public static class ApiFailures
{
    public static bool IsNotFound(Exception e) => Status(e) == HttpStatusCode.NotFound;

    public static bool IsConflict(Exception e) => Status(e) == HttpStatusCode.Conflict;

    /// <summary>The verb is not served for this resource (upstream checks MethodNotSupported and NotFound).</summary>
    public static bool IsNotSupported(Exception e) => Status(e) is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound;

    public static bool Is(Exception e, HttpStatusCode status) => Status(e) == status;

    /// <summary>409 with reason AlreadyExists (a create of a name that is taken), not a version conflict.</summary>
    public static bool IsAlreadyExists(Exception e) => IsConflict(e) && Reason(e) == "AlreadyExists";

    /// <summary>A create refused because its namespace is being deleted: every further create would fail too.</summary>
    public static bool IsNamespaceTerminating(Exception e) =>
        e is HttpOperationException http && (http.Response?.Content?.Contains("NamespaceTerminating", StringComparison.Ordinal) ?? false);

    /// <summary>The Status message of an API error (what upstream's <c>err.Error()</c> shows), else the exception's message.</summary>
    public static string Message(Exception e)
    {
        if (e is HttpOperationException { Response.Content: { Length: > 0 } content })
        {
            try
            {
                using var status = JsonDocument.Parse(content);
                if (status.RootElement.ValueKind == JsonValueKind.Object && status.RootElement.TryGetProperty("message", out var message) && message.GetString() is { } text)
                {
                    return text;
                }
            }
            catch (JsonException)
            {
                return content;
            }
        }

        return e.Message;
    }

    private static HttpStatusCode? Status(Exception e) => (e as HttpOperationException)?.Response?.StatusCode;

    private static string? Reason(Exception e)
    {
        if (e is not HttpOperationException { Response.Content: { Length: > 0 } content })
        {
            return null;
        }

        try
        {
            using var status = JsonDocument.Parse(content);
            return status.RootElement.ValueKind == JsonValueKind.Object && status.RootElement.TryGetProperty("reason", out var reason) ? reason.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
