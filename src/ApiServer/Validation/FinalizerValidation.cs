namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's ValidateFinalizers and ValidateNoNewFinalizers on <c>metadata.finalizers</c>.</summary>
internal static class FinalizerValidation
{
    private const string Field = "metadata.finalizers";
    private const string Orphan = "orphan";
    private const string Foreground = "foregroundDeletion";

    /// <summary>Each finalizer is a qualified name; orphan and foregroundDeletion exclude each other.</summary>
    public static void Validate(JsonObject? metadata, List<StatusCause> causes)
    {
        var finalizers = Finalizers(metadata);
        foreach (var finalizer in finalizers)
        {
            FieldErrors.AddInvalid(causes, Field, finalizer, LabelValidation.KeyErrors(finalizer));
        }

        if (finalizers.Contains(Orphan) && finalizers.Contains(Foreground))
        {
            causes.Add(FieldErrors.Invalid(Field, GoText.JsonStrings(finalizers), $"finalizer {Orphan} and {Foreground} cannot be both set"));
        }
    }

    /// <summary>An object being deleted may lose finalizers but not gain any.</summary>
    public static void NoNewWhileDeleting(JsonObject? current, JsonObject? updated, List<StatusCause> causes)
    {
        if (current?["deletionTimestamp"] is null)
        {
            return;
        }

        var added = Finalizers(updated).Except(Finalizers(current), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (added.Count > 0)
        {
            causes.Add(FieldErrors.Forbidden(Field, $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(GoText.Quote))}}}"));
        }
    }

    private static List<string> Finalizers(JsonObject? metadata) =>
        [.. (metadata?["finalizers"] as JsonArray ?? []).Select(f => JsonFields.Text(f) ?? "")];
}
