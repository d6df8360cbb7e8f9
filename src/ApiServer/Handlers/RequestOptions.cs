namespace Orchestrator.ApiServer.Handlers;

/// <summary>The write options every verb reads from the query: dryRun, fieldManager, fieldValidation.</summary>
internal static class RequestOptions
{
    public static bool IsDryRun(HttpContext context)
    {
        var dryRun = context.Request.Query["dryRun"];
        if (dryRun.Count == 0)
        {
            return false;
        }

        return dryRun[0] == "All"
            ? true
            : throw ApiErrors.BadRequest($"Invalid dry run value: {dryRun[0]}: supported values: \"All\"");
    }

    /// <summary>The writer to record managed fields for: <c>fieldManager</c>, or upstream's default from the User-Agent.</summary>
    public static FieldOwner FieldOwnerOf(HttpContext context, string? subresource, string operation = ManagedFieldsEntry.Update)
    {
        var manager = context.Request.Query["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            manager = FieldOwner.DefaultManager(context.Request.Headers.UserAgent.ToString());
        }

        return new FieldOwner(manager, operation, subresource);
    }

    public static FieldValidation FieldValidationOf(HttpContext context) => context.Request.Query["fieldValidation"].ToString() switch
    {
        "" or "Warn" => FieldValidation.Warn,
        "Strict" => FieldValidation.Strict,
        "Ignore" => FieldValidation.Ignore,
        var other => throw ApiErrors.BadRequest($"fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got \"{other}\""),
    };
}
