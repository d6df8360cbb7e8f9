namespace Orchestrator.ApiServer.Registry.Authorization;

/// <summary>
/// The part the access reviews share (authorization.k8s.io/v1): upstream's validation of
/// resourceAttributes / nonResourceAttributes, the attributes they describe, and the status the
/// authorizer chain's decision becomes.
/// </summary>
internal static class AccessReviewSpec
{
    public const string Group = "authorization.k8s.io";

    /// <summary>Exactly one of resourceAttributes and nonResourceAttributes (ValidateSubjectAccessReviewSpec's first rules).</summary>
    public static void ValidateAttributes(JsonObject spec, List<StatusCause> causes)
    {
        var resource = spec["resourceAttributes"] is JsonObject;
        var nonResource = spec["nonResourceAttributes"] is JsonObject;
        if (resource && nonResource)
        {
            causes.Add(FieldErrors.Invalid("spec.nonResourceAttributes", Describe(spec["nonResourceAttributes"]!.AsObject()), "cannot be specified in combination with resourceAttributes"));
        }
        else if (!resource && !nonResource)
        {
            causes.Add(FieldErrors.Required("spec.resourceAttributes", "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }
    }

    /// <summary>
    /// The user a SubjectAccessReview's spec names (its groups as given: nothing is added, as upstream),
    /// with upstream's cause when it names neither a user nor a group.
    /// </summary>
    public static UserInfo Subject(JsonObject spec, List<StatusCause> causes)
    {
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (spec["extra"] is JsonObject given)
        {
            foreach (var (key, values) in given)
            {
                extra[key] = PolicyRule.Strings(values);
            }
        }

        var user = new UserInfo(Text(spec, "user"), Text(spec, "uid"), PolicyRule.Strings(spec["groups"]), extra);
        if (user.Name.Length == 0 && user.Groups.Count == 0)
        {
            causes.Add(FieldErrors.InvalidText("spec.user", "", "at least one of user or group must be specified"));
        }

        return user;
    }

    /// <summary>The attributes the spec asks about, for <paramref name="user"/>.</summary>
    public static AuthorizationAttributes Attributes(JsonObject spec, UserInfo user)
    {
        if (spec["resourceAttributes"] is JsonObject resource)
        {
            return new AuthorizationAttributes
            {
                User = user,
                IsResourceRequest = true,
                Verb = Text(resource, "verb"),
                Namespace = Text(resource, "namespace"),
                ApiGroup = Text(resource, "group"),
                ApiVersion = Text(resource, "version"),
                Resource = Text(resource, "resource"),
                Subresource = Text(resource, "subresource"),
                Name = Text(resource, "name"),
            };
        }

        var nonResource = spec["nonResourceAttributes"] as JsonObject;
        return new AuthorizationAttributes { User = user, Verb = Text(nonResource, "verb"), Path = Text(nonResource, "path") };
    }

    /// <summary>The review with its status: allowed, denied (only for an explicit Deny) and the reason.</summary>
    public static JsonObject Answer(JsonObject body, IAuthorizer authorizer, AuthorizationAttributes attributes)
    {
        var (decision, reason) = authorizer.Authorize(attributes);
        var status = new JsonObject { ["allowed"] = decision == AuthorizationDecision.Allow };
        if (decision == AuthorizationDecision.Deny)
        {
            status["denied"] = true;
        }

        if (reason.Length > 0)
        {
            status["reason"] = reason;
        }

        body["status"] = status;
        return body;
    }

    /// <summary>Throws the 422 of <paramref name="kind"/> when there are causes.</summary>
    public static void ThrowIfInvalid(string kind, List<StatusCause> causes)
    {
        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid(Group, kind, "", causes);
        }
    }

    public static JsonObject Spec(JsonObject body) => body["spec"] as JsonObject ?? JsonFields.Child(body, "spec");

    private static string Text(JsonObject? obj, string field) => JsonFields.Text(obj?[field]) ?? "";

    /// <summary>The value in Go's %#v form as field.Invalid prints a struct pointer (abridged to its fields).</summary>
    private static string Describe(JsonObject attributes) =>
        $"&authorization.NonResourceAttributes{{Path:{ApiMachinery.Text.GoText.Quote(Text(attributes, "path"))}, Verb:{ApiMachinery.Text.GoText.Quote(Text(attributes, "verb"))}}}";
}
