namespace Orchestrator.ApiServer.Streaming;

/// <summary>
/// What the WebSocket client gets on channel 3, made from the v4 error stream's content as
/// upstream's stream translator makes it (client-go's errorDecoderV4, then codeExitToStatusError).
/// </summary>
internal static class ExecStatus
{
    public static JsonObject Success() => new() { ["metadata"] = new JsonObject(), ["status"] = "Success" };

    /// <summary>The status for the error stream's bytes (empty: success).</summary>
    public static JsonObject FromErrorStream(ReadOnlySpan<byte> message)
    {
        if (message.IsEmpty)
        {
            return Success();
        }

        JsonObject? status;
        try
        {
            status = JsonNode.Parse(message) as JsonObject;
        }
        catch (JsonException e)
        {
            return InternalError($"error stream protocol error: {e.Message} in {GoText.Quote(System.Text.Encoding.UTF8.GetString(message))}");
        }

        var text = status?["status"]?.GetValue<string>();
        if (text == "Success")
        {
            return Success();
        }

        if (text != "Failure")
        {
            return InternalError("error stream protocol error: unknown error");
        }

        if (status!["reason"]?.GetValue<string>() != "NonZeroExitCode")
        {
            return InternalError(status["message"]?.GetValue<string>() ?? "");
        }

        var exitCode = (status["details"]?["causes"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(c => c["reason"]?.GetValue<string>() == "ExitCode")
            .Select(c => c["message"]?.GetValue<string>())
            .FirstOrDefault();
        return exitCode is not null && byte.TryParse(exitCode, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? NonZeroExit(code)
            : InternalError(exitCode is null ? "error stream protocol error: no ExitCode cause given" : $"error stream protocol error: invalid exit code value {GoText.Quote(exitCode)}");
    }

    public static JsonObject NonZeroExit(int code) => new()
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = $"command terminated with non-zero exit code: command terminated with exit code {code}",
        ["reason"] = "NonZeroExitCode",
        ["details"] = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = code.ToString(CultureInfo.InvariantCulture) }),
        },
    };

    /// <summary>apierrors.NewInternalError(err).Status().</summary>
    public static JsonObject InternalError(string message) => new()
    {
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = $"Internal error occurred: {message}",
        ["reason"] = "InternalError",
        ["details"] = new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) },
        ["code"] = 500,
    };

    /// <summary>A Status the kubelet answered instead of upgrading, as the SPDY executor reports it.</summary>
    public static JsonObject UpgradeRefused(int code, string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject status && status["kind"]?.GetValue<string>() == "Status")
            {
                status.Remove("kind");
                status.Remove("apiVersion");
                return status;
            }
        }
        catch (JsonException)
        {
            // Plain text, as the kubelet writes its errors.
        }

        return InternalError($"unable to upgrade connection: {body.TrimEnd('\n')} (kubelet answered {code})");
    }
}
