using Orchestrator.ApiServer.CustomResources;

namespace Orchestrator.ApiServer.Registry.ApiExtensions;

/// <summary>
/// apiextensions.k8s.io/v1 CustomResourceDefinitions (upstream's pkg/registry/customresourcedefinition/strategy.go
/// and the v1 defaults): the cleanup finalizer on create, the storage version recorded in status.storedVersions,
/// names defaulted, the spec validated (<see cref="CustomResourceDefinitionValidation"/>), group and plural immutable,
/// scope and kind immutable once established. The default table: NAME, CREATED AT.
/// </summary>
internal sealed class CustomResourceDefinitionStrategy : ResourceStrategy
{
    /// <summary>Keeps a CRD, once deleted, until its custom resources are gone (upstream's CustomResourceCleanupFinalizer).</summary>
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    public override void PrepareForCreate(JsonObject obj)
    {
        var metadata = Storage.StoredObject.Metadata(obj);
        var finalizers = metadata["finalizers"] as JsonArray ?? [];
        if (!finalizers.Any(f => f?.GetValueKind() == System.Text.Json.JsonValueKind.String && f.GetValue<string>() == CleanupFinalizer))
        {
            finalizers.Add(CleanupFinalizer);
        }

        metadata["finalizers"] = finalizers;
    }

    public override void Default(JsonObject obj, bool create)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            return;
        }

        if (spec["names"] is JsonObject names && names["kind"] is JsonValue kind && kind.TryGetValue<string>(out var kindText) && kindText.Length > 0)
        {
            names["singular"] ??= kindText.ToLowerInvariant();
            names["listKind"] ??= kindText + "List";
        }

        spec["conversion"] ??= new JsonObject { ["strategy"] = "None" };
        if (spec["conversion"]?["webhook"]?["clientConfig"]?["service"] is JsonObject service)
        {
            service["port"] ??= 443;
        }
    }

    /// <summary>A new CRD starts with no conditions and its storage version as the one stored version.</summary>
    public override void ResetStatusOnCreate(JsonObject obj, bool hasStatusSubresource)
    {
        obj["status"] = new JsonObject
        {
            ["acceptedNames"] = new JsonObject { ["plural"] = "", ["kind"] = "" },
            ["storedVersions"] = new JsonArray([.. CrdReader.StorageVersion(obj) is { } storage ? [JsonValue.Create(storage)] : Array.Empty<JsonNode>()]),
        };
    }

    /// <summary>A new storage version joins status.storedVersions (upstream's PrepareForUpdate).</summary>
    public override void PrepareForUpdate(JsonObject current, JsonObject updated)
    {
        if (CrdReader.StorageVersion(updated) is not { } storage)
        {
            return;
        }

        var status = updated["status"] as JsonObject ?? [];
        var stored = status["storedVersions"] as JsonArray ?? [];
        if (!stored.Any(v => v?.ToString() == storage))
        {
            stored.Add(storage);
        }

        status["storedVersions"] = stored;
        updated["status"] = status;
    }

    public override void Validate(JsonObject obj, List<StatusCause> causes) => CustomResourceDefinitionValidation.Validate(obj, causes);

    public override void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes)
    {
        if (CrdReader.IsEstablished(current))
        {
            UpdateValidation.Immutable(causes, "spec.scope", current["spec"]?["scope"], updated["spec"]?["scope"]);
            UpdateValidation.Immutable(causes, "spec.names.kind", current["spec"]?["names"]?["kind"], updated["spec"]?["names"]?["kind"]);
        }

        UpdateValidation.Immutable(causes, "spec.group", current["spec"]?["group"], updated["spec"]?["group"]);
        UpdateValidation.Immutable(causes, "spec.names.plural", current["spec"]?["names"]?["plural"], updated["spec"]?["names"]?["plural"]);
        CustomResourceDefinitionValidation.StoredVersions(updated, causes);
    }

    public override void ValidateStatusUpdate(string subresource, JsonObject current, JsonObject updated, List<StatusCause> causes) =>
        CustomResourceDefinitionValidation.Names(updated["status"]?["acceptedNames"] as JsonObject, "status.acceptedNames", causes);
}
