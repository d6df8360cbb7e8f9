using System.Net;
using k8s.Autorest;

namespace Orchestrator.ControllerManager.Kinds;

/// <summary>Classifies the failures of the official client's calls by HTTP status.</summary>
internal static class ApiErrors
{
    public static bool IsNotFound(Exception e) => Is(e, HttpStatusCode.NotFound);

    public static bool IsConflict(Exception e) => Is(e, HttpStatusCode.Conflict);

    /// <summary>The verb is not served for this resource (upstream checks MethodNotSupported and NotFound).</summary>
    public static bool IsNotSupported(Exception e) => Is(e, HttpStatusCode.MethodNotAllowed) || Is(e, HttpStatusCode.NotFound);

    public static bool Is(Exception e, HttpStatusCode status) =>
        e is HttpOperationException { Response.StatusCode: var code } && code == status;
}
