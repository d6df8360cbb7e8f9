namespace Orchestrator.ApiServer.Errors;

/// <summary>The Status errors kube-apiserver answers with, same codes, reasons and wording.</summary>
internal static class ApiErrors
{
    public static ApiException NotFound(ResourceDefinition resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedResource} \"{name}\" not found")
        {
            DetailsName = name,
            DetailsGroup = resource.Group,
            DetailsKind = resource.Plural,
        };

    public static ApiException NamespaceNotFound(string name) =>
        new(404, "NotFound", $"namespaces \"{name}\" not found") { DetailsName = name, DetailsKind = "namespaces" };

    public static ApiException AlreadyExists(ResourceDefinition resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedResource} \"{name}\" already exists")
        {
            DetailsName = name,
            DetailsGroup = resource.Group,
            DetailsKind = resource.Plural,
        };

    public static ApiException Conflict(ResourceDefinition resource, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again")
        {
            DetailsName = name,
            DetailsGroup = resource.Group,
            DetailsKind = resource.Plural,
        };

    public static ApiException Invalid(ResourceDefinition resource, string name, IReadOnlyList<StatusCause> causes) =>
        Invalid(resource.Group, resource.Kind, name, causes);

    /// <summary>422 Invalid for an object of <paramref name="kind"/> in <paramref name="group"/>, listing every cause.</summary>
    public static ApiException Invalid(string group, string kind, string name, IReadOnlyList<StatusCause> causes) =>
        new(422, "Invalid", $"{(group.Length == 0 ? kind : $"{kind}.{group}")} \"{name}\" is invalid: {GoText.Aggregate([.. causes.Select(c => c.Field is null ? c.Message : $"{c.Field}: {c.Message}")])}")
        {
            DetailsName = name,
            DetailsGroup = group,
            DetailsKind = kind,
            Causes = causes,
        };

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Forbidden(ResourceDefinition resource, string name, string why) =>
        new(403, "Forbidden", $"{resource.QualifiedResource} \"{name}\" is forbidden: {why}")
        {
            DetailsName = name,
            DetailsGroup = resource.Group,
            DetailsKind = resource.Plural,
        };

    public static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static ApiException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}")
        {
            DetailsName = contentType,
        };

    public static ApiException NotAcceptable(IEnumerable<string> accepted) =>
        new(406, "NotAcceptable", $"only the following media types are accepted: {string.Join(", ", accepted)}");

    public static ApiException RequestEntityTooLarge(long limit) => RequestEntityTooLarge($"limit is {limit}");

    public static ApiException RequestEntityTooLarge(string detail) =>
        new(413, "RequestEntityTooLarge", $"Request entity too large: {detail}");

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException ResourceNotFound() =>
        new(404, "NotFound", "the server could not find the requested resource");

    public static ApiException Timeout(string message) => new(504, "Timeout", message);
}
