namespace Orchestrator.ApiServer.Errors;

/// <summary>
/// An error the API answers with a <c>Status</c> object, the way kube-apiserver does. Thrown
/// anywhere in request handling; the pipeline turns it into the response.
/// </summary>
internal sealed class ApiException(int code, string reason, string message) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public string? DetailsName { get; init; }

    public string? DetailsGroup { get; init; }

    public string? DetailsKind { get; init; }

    public IReadOnlyList<StatusCause> Causes { get; init; } = [];

    /// <summary>The Status body.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (DetailsName is not null || DetailsKind is not null || Causes.Count > 0)
        {
            var details = new JsonObject();
            if (DetailsName is not null)
            {
                details["name"] = DetailsName;
            }

            if (DetailsGroup is { Length: > 0 })
            {
                details["group"] = DetailsGroup;
            }

            if (DetailsKind is not null)
            {
                details["kind"] = DetailsKind;
            }

            if (Causes.Count > 0)
            {
                details["causes"] = new JsonArray([.. Causes.Select(c =>
                {
                    var cause = new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message };
                    // Upstream's StatusCause.Field is omitempty: a cause about the whole object has none.
                    if (c.Field is { Length: > 0 })
                    {
                        cause["field"] = c.Field;
                    }

                    return (JsonNode)cause;
                })]);
            }

            status["details"] = details;
        }

        status["code"] = Code;
        return status;
    }
}
