using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Objects;

/// <summary>
/// What every write goes through before it is stored: type and kind checks, unknown fields per
/// <c>fieldValidation</c>, name rules, and the system fields the server owns (uid, timestamps,
/// generation). Pure apart from the clock and randomness it is given.
/// </summary>
internal sealed class Admission(TimeProvider time, Random random)
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Checks the body's apiVersion and kind against the URL's resource (kubectl always sends both).</summary>
    public static void CheckKind(ResourceDefinition resource, string expectedKind, string expectedApiVersion, JsonObject body)
    {
        foreach (var field in new[] { "apiVersion", "kind" })
        {
            // Upstream reads the type meta before anything else: a kind that is not a string is a decode error.
            if (body[field] is { } value && value.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                var type = value.GetValueKind() switch
                {
                    System.Text.Json.JsonValueKind.Object => "object",
                    System.Text.Json.JsonValueKind.Array => "array",
                    System.Text.Json.JsonValueKind.Number => "number",
                    _ => "bool",
                };
                throw ApiErrors.BadRequest($"couldn't get version/kind; json parse error: json: cannot unmarshal {type} into Go struct field .{field} of type string");
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
        var check = SchemaCheck.Run(body, modelType, cancellationToken);
        var prefix = $"{kind} in version \"{resource.Version}\" cannot be handled as a {kind}";
        if (check.WrongTypes.Count > 0)
        {
            throw ApiErrors.BadRequest($"{prefix}: json: {check.WrongTypes[0]}");
        }

        if (check.Malformed.Count > 0)
        {
            throw ApiErrors.BadRequest($"{prefix}: {check.Malformed[0]}");
        }

        var unknown = check.UnknownFields.Select(f => $"unknown field \"{f}\"").ToList();
        return validation switch
        {
            FieldValidation.Strict when unknown.Count > 0 => throw ApiErrors.BadRequest($"{prefix}: strict decoding error: {string.Join(", ", unknown)}"),
            FieldValidation.Warn => unknown,
            _ => [],
        };
    }

    /// <summary>Sets name (from generateName), namespace and the server-owned fields of a new object.</summary>
    public void PrepareCreate(ResourceDefinition resource, JsonObject body, string? pathNamespace)
    {
        var metadata = Storage.StoredObject.Metadata(body);
        var bodyNamespace = ObjectMeta.Namespace(body);
        if (resource.Namespaced)
        {
            if (bodyNamespace is { Length: > 0 } && pathNamespace is not null && bodyNamespace != pathNamespace)
            {
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = pathNamespace ?? bodyNamespace;
        }
        else
        {
            metadata.Remove("namespace");
        }

        if (ObjectMeta.Name(body) is not { Length: > 0 } && metadata["generateName"]?.GetValue<string>() is { Length: > 0 } generate)
        {
            metadata["name"] = generate + new string([.. Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[random.Next(GenerateNameAlphabet.Length)])]);
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectMeta.Now(time);
        foreach (var owned in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            metadata.Remove(owned);
        }

        if (resource.HasGeneration)
        {
            metadata["generation"] = 1;
        }

        ObjectMeta.OmitEmpty(body);
        resource.Strategy.PrepareForCreate(body);
        KindDefaults.OnCreate(resource, body);
        Validation.ObjectValidation.Validate(resource, body, Validation.ObjectMetaValidation.Check(resource, body));
    }

    /// <summary>Carries the server-owned fields over from <paramref name="current"/> and bumps generation on spec changes.</summary>
    public static void PrepareUpdate(ResourceDefinition resource, JsonObject current, JsonObject updated, bool statusOnly)
    {
        var metadata = Storage.StoredObject.Metadata(updated);
        if (ObjectMeta.Name(updated) is { } name && name != ObjectMeta.Name(current))
        {
            throw ApiErrors.BadRequest($"the name of the object ({name}) does not match the name on the URL ({ObjectMeta.Name(current)})");
        }

        var currentMetadata = Storage.StoredObject.Metadata(current);
        foreach (var owned in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
        {
            metadata[owned] = currentMetadata[owned]?.DeepClone();
            if (metadata[owned] is null)
            {
                metadata.Remove(owned);
            }
        }

        if (statusOnly)
        {
            // The status subresource changes status only: everything else stays as stored.
            var status = updated["status"]?.DeepClone();
            foreach (var (key, _) in updated.ToArray())
            {
                updated.Remove(key);
            }

            foreach (var (key, value) in current)
            {
                if (key != "status")
                {
                    updated[key] = value?.DeepClone();
                }
            }

            // The stored object may have no status yet (created without one): the new status still applies.
            if (status is not null)
            {
                updated["status"] = status;
            }

            return;
        }

        if (resource.Subresources.Any(s => s.Name == "status"))
        {
            updated["status"] = current["status"]?.DeepClone();
        }

        ObjectMeta.OmitEmpty(updated);
        resource.Strategy.PrepareForUpdate(current, updated);
        KindDefaults.OnUpdate(resource, current, updated);
        Validation.ObjectValidation.Validate(resource, updated, Validation.ObjectMetaValidation.CheckUpdate(resource, current, updated));
        if (Validation.UpdateValidation.Check(resource, current, updated) is { Count: > 0 } immutable)
        {
            throw ApiErrors.Invalid(resource, ObjectMeta.Name(current) ?? "", immutable);
        }

        if (resource.HasGeneration && !JsonNode.DeepEquals(current["spec"], updated["spec"]))
        {
            metadata["generation"] = (currentMetadata["generation"]?.GetValue<long>() ?? 0) + 1;
        }
    }
}
