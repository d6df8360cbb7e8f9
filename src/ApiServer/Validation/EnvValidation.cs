namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's ValidateEnv with relaxed names (printable ASCII but '='), the valueFrom sources and envFrom.</summary>
internal static class EnvValidation
{
    private const string NameError = "a valid environment variable name must consist only of printable ASCII characters other than '='";

    public static void Validate(JsonObject container, string at, List<StatusCause> causes)
    {
        foreach (var (i, env) in JsonFields.Items(container, "env"))
        {
            var path = $"{at}.env[{i}]";
            var name = JsonFields.Text(env["name"]);
            if (name is null or "")
            {
                causes.Add(FieldErrors.Required($"{path}.name"));
            }
            else if (!IsRelaxedName(name))
            {
                causes.Add(FieldErrors.InvalidText($"{path}.name", name, NameError));
            }

            if (env["valueFrom"] is JsonObject valueFrom)
            {
                ValueFrom(valueFrom, JsonFields.Text(env["value"]) is { Length: > 0 }, $"{path}.valueFrom", causes);
            }
        }

        foreach (var (i, source) in JsonFields.Items(container, "envFrom"))
        {
            var path = $"{at}.envFrom[{i}]";
            if (JsonFields.Text(source["prefix"]) is { Length: > 0 } prefix && !IsRelaxedName(prefix))
            {
                causes.Add(FieldErrors.InvalidText($"{path}.prefix", prefix, NameError));
            }

            var count = (source["configMapRef"] is JsonObject ? 1 : 0) + (source["secretRef"] is JsonObject ? 1 : 0);
            foreach (var kind in new[] { "configMapRef", "secretRef" })
            {
                if (source[kind] is JsonObject reference && JsonFields.Text(reference["name"]) is null or "")
                {
                    causes.Add(FieldErrors.Required($"{path}.{kind}.name"));
                }
            }

            if (count == 0)
            {
                causes.Add(FieldErrors.InvalidText($"{at}.envFrom", "", "must specify one of: `configMapRef` or `secretRef`"));
            }
            else if (count > 1)
            {
                causes.Add(FieldErrors.InvalidText($"{at}.envFrom", "", "may not have more than one field specified at a time"));
            }
        }
    }

    private static bool IsRelaxedName(string name) => name.All(c => c is >= ' ' and <= '~' && c != '=');

    private static void ValueFrom(JsonObject valueFrom, bool hasValue, string path, List<StatusCause> causes)
    {
        var count = 0;
        if (valueFrom["fieldRef"] is JsonObject fieldRef)
        {
            count++;
            if (JsonFields.Text(fieldRef["fieldPath"]) is null or "")
            {
                causes.Add(FieldErrors.Required($"{path}.fieldRef.fieldPath"));
            }
        }

        if (valueFrom["resourceFieldRef"] is JsonObject resourceRef)
        {
            count++;
            if (JsonFields.Text(resourceRef["resource"]) is null or "")
            {
                causes.Add(FieldErrors.Required($"{path}.resourceFieldRef.resource"));
            }
        }

        foreach (var kind in new[] { "configMapKeyRef", "secretKeyRef" })
        {
            if (valueFrom[kind] is not JsonObject selector)
            {
                continue;
            }

            count++;
            var key = JsonFields.Text(selector["key"]);
            if (key is null or "")
            {
                causes.Add(FieldErrors.Required($"{path}.{kind}.key"));
            }
            else
            {
                FieldErrors.AddInvalid(causes, $"{path}.{kind}.key", key, ConfigKeyValidation.Problems(key));
            }
        }

        if (count == 0)
        {
            causes.Add(FieldErrors.InvalidText(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        }
        else if (hasValue)
        {
            causes.Add(FieldErrors.InvalidText(path, "", "may not be specified when `value` is not empty"));
        }
        else if (count > 1)
        {
            causes.Add(FieldErrors.InvalidText(path, "", "may not have more than one field specified at a time"));
        }
    }
}
