namespace Orchestrator.ApiServer.Authorization;

/// <summary>
/// The 403 of a request no authorizer allowed, worded as upstream's ForbiddenStatusError
/// (endpoints/handlers/responsewriters/errors.go) wrapped in apierrors.NewForbidden:
/// <c>pods is forbidden: User "x" cannot list resource "pods" in API group "" in the namespace "default"</c>,
/// <c>forbidden: User "x" cannot get path "/foo"</c>; the authorizers' reason, if any, after a colon.
/// </summary>
internal static class ForbiddenError
{
    public static ApiException For(AuthorizationAttributes attributes, string reason)
    {
        var message = $"User {GoText.Quote(attributes.User.Name)} cannot {attributes.Verb}";
        if (attributes.IsResourceRequest)
        {
            var resource = attributes.Subresource.Length > 0 ? $"{attributes.Resource}/{attributes.Subresource}" : attributes.Resource;
            message += $" resource {GoText.Quote(resource)} in API group {GoText.Quote(attributes.ApiGroup)}";
            message += attributes.Namespace.Length > 0 ? $" in the namespace {GoText.Quote(attributes.Namespace)}" : " at the cluster scope";
        }
        else
        {
            message += $" path {GoText.Quote(attributes.Path)}";
        }

        if (reason.Length > 0)
        {
            message += ": " + reason;
        }

        // apierrors.NewForbidden: "<group resource> [\"name\"] is forbidden: …", or "forbidden: …" without a resource.
        var qualified = attributes.ApiGroup.Length > 0 ? $"{attributes.Resource}.{attributes.ApiGroup}" : attributes.Resource;
        var prefix = qualified.Length == 0 ? "forbidden"
            : attributes.Name.Length == 0 ? $"{qualified} is forbidden"
            : $"{qualified} {GoText.Quote(attributes.Name)} is forbidden";
        return new ApiException(403, "Forbidden", $"{prefix}: {message}")
        {
            DetailsName = attributes.Name.Length > 0 ? attributes.Name : null,
            DetailsGroup = attributes.ApiGroup.Length > 0 ? attributes.ApiGroup : null,
            DetailsKind = attributes.Resource.Length > 0 ? attributes.Resource : null,
        };
    }
}
