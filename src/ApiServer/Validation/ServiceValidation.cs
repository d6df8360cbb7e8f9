namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's Service port checks: ports required unless ExternalName or headless, each port in 1–65535.</summary>
internal static class ServiceValidation
{
    public static void Validate(JsonObject body, List<StatusCause> causes)
    {
        var spec = body["spec"] as JsonObject;
        var headless = JsonFields.Text(spec?["clusterIP"]) == "None";
        var externalName = JsonFields.Text(spec?["type"]) == "ExternalName";
        if (spec?["ports"] is not JsonArray { Count: > 0 } && !headless && !externalName)
        {
            causes.Add(FieldErrors.Required("spec.ports"));
        }

        foreach (var (i, port) in JsonFields.Items(spec, "ports"))
        {
            var number = JsonFields.Integer(port["port"]) ?? 0;
            if (number is < 1 or > 65535)
            {
                causes.Add(FieldErrors.Invalid($"spec.ports[{i}].port", number.ToString(CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
            }
        }
    }
}
