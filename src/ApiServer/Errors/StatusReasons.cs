namespace Orchestrator.ApiServer.Errors;

/// <summary>The metav1.StatusReason that goes with an HTTP status code, for errors that arrive as a bare code.</summary>
internal static class StatusReasons
{
    /// <summary>
    /// Upstream's reason names where one exists for the code (408 is answered as a Timeout); other
    /// client errors are BadRequest (there is no reason for 414 or 431), other server errors InternalError.
    /// </summary>
    public static string ForCode(int code) => code switch
    {
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 or 504 => "Timeout",
        409 => "Conflict",
        410 => "Gone",
        413 => "RequestEntityTooLarge",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        >= 500 => "InternalError",
        _ => "BadRequest",
    };
}
