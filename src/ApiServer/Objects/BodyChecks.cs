namespace Orchestrator.ApiServer.Objects;

/// <summary>
/// The decoder's checks of a request body (upstream's serializer and strict decoding): type meta
/// against the URL's resource, unknown fields per <c>fieldValidation</c>, wrong types and int64 ranges.
/// </summary>
internal static class BodyChecks
{
    /// <summary>Checks the body's apiVersion and kind against the URL's resource (kubectl always sends both).</summary>
    public static void CheckKind(ResourceDefinition resource, string expectedKind, string expectedApiVersion, JsonObject body)
    {
        foreach (var field in new[] { "apiVersion", "kind" })
        {
            // Upstream reads the type meta before anything else: a kind that is not a string is a decode error.
            if (body[field] is { } value && value.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                throw ApiErrors.BadRequest($"couldn't get version/kind; json parse error: json: cannot unmarshal {SchemaCheck.Describe(value.GetValueKind())} into Go struct field .{field} of type string");
            }
        }

        var kind = body["kind"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? body["kind"]!.GetValue<string>() : null;
        var apiVersion = body["apiVersion"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? body["apiVersion"]!.GetValue<string>() : null;
        if (kind is not null && kind != expectedKind || apiVersion is not null && apiVersion != expectedApiVersion)
        {
            throw ApiErrors.BadRequest($"{kind ?? expectedKind} in version \"{apiVersion ?? expectedApiVersion}\" cannot be handled as a {expectedKind}: no kind \"{kind}\" is registered for version \"{apiVersion}\" in scheme for {resource.QualifiedResource}");
        }

        body["kind"] = expectedKind;
        body["apiVersion"] = expectedApiVersion;
    }

    /// <summary>Prunes unknown fields and rejects wrong types; returns the warnings to send.</summary>
    public static IReadOnlyList<string> CheckSchema(ResourceDefinition resource, Type modelType, string kind, JsonObject body, FieldValidation validation, CancellationToken cancellationToken = default)
    {
        var prefix = $"{kind} in version \"{resource.Version}\" cannot be handled as a {kind}";
        if (resource.Custom is { } custom && modelType == resource.ModelType)
        {
            return Unknown(prefix, CustomResources.CustomResourceBodyCheck.Run(custom, body, prefix, cancellationToken), validation);
        }

        var check = SchemaCheck.Run(body, modelType, cancellationToken);
        if (check.WrongTypes.Count > 0)
        {
            throw ApiErrors.BadRequest($"{prefix}: json: {check.WrongTypes[0]}");
        }

        if (check.Malformed.Count > 0)
        {
            throw ApiErrors.BadRequest($"{prefix}: {check.Malformed[0]}");
        }

        return Unknown(prefix, check.UnknownFields, validation);
    }

    /// <summary>Unknown (pruned) fields as <c>fieldValidation</c> wants them: a 400 (Strict), warnings (Warn) or nothing.</summary>
    private static IReadOnlyList<string> Unknown(string prefix, IReadOnlyList<string> fields, FieldValidation validation)
    {
        var unknown = fields.Select(f => $"unknown field \"{f}\"").ToList();
        return validation switch
        {
            FieldValidation.Strict when unknown.Count > 0 => throw ApiErrors.BadRequest($"{prefix}: strict decoding error: {string.Join(", ", unknown)}"),
            FieldValidation.Warn => unknown,
            _ => [],
        };
    }
}
