using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.StorageApi.StorageClasses;

/// <summary>
/// Upstream's ValidateStorageClass: a provisioner that is a qualified name, at most 512 parameters of
/// 256 KiB in all with non-empty keys, a known reclaim policy and volume binding mode, and allowed
/// topologies whose terms have keys and values.
/// </summary>
internal static class StorageClassValidation
{
    private const int MaxParameters = 512;
    private const int MaxParameterBytes = 256 * 1024;
    private static readonly string[] ReclaimPolicies = ["Delete", "Retain"];
    private static readonly string[] BindingModes = ["Immediate", "WaitForFirstConsumer"];

    public static void Validate(JsonObject storageClass, List<StatusCause> causes)
    {
        var provisioner = storageClass.String("provisioner");
        if (provisioner.Length == 0)
        {
            causes.Add(FieldErrors.Required("provisioner"));
        }
        else
        {
            FieldErrors.AddInvalid(causes, "provisioner", provisioner, LabelValidation.KeyErrors(provisioner.ToLowerInvariant()));
        }

        Parameters(storageClass.StringMap("parameters"), causes);
        if (storageClass.StringOrNull("reclaimPolicy") is { } policy && !ReclaimPolicies.Contains(policy))
        {
            causes.Add(FieldErrors.NotSupported("reclaimPolicy", policy, ReclaimPolicies));
        }

        if (storageClass.StringOrNull("volumeBindingMode") is not { } mode)
        {
            causes.Add(FieldErrors.Required("volumeBindingMode"));
        }
        else if (!BindingModes.Contains(mode))
        {
            causes.Add(FieldErrors.NotSupported("volumeBindingMode", mode, BindingModes));
        }

        Topologies(storageClass.Objects("allowedTopologies"), causes);
    }

    private static void Parameters(IReadOnlyList<KeyValuePair<string, string>> parameters, List<StatusCause> causes)
    {
        if (parameters.Count > MaxParameters)
        {
            causes.Add(FieldErrors.TooLong("parameters", MaxParameters));
            return;
        }

        var size = 0;
        foreach (var (key, value) in parameters)
        {
            if (key.Length == 0)
            {
                causes.Add(FieldErrors.InvalidText("parameters", key, "field can not be empty."));
            }

            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }

        if (size > MaxParameterBytes)
        {
            causes.Add(FieldErrors.TooLong("parameters", MaxParameterBytes));
        }
    }

    /// <summary>Upstream's ValidateTopologySelectorTerm: each expression has a key and at least one value, none repeated.</summary>
    private static void Topologies(IReadOnlyList<JsonObject> terms, List<StatusCause> causes)
    {
        for (var t = 0; t < terms.Count; t++)
        {
            var expressions = terms[t].Objects("matchLabelExpressions");
            for (var e = 0; e < expressions.Count; e++)
            {
                var path = $"allowedTopologies[{t}].matchLabelExpressions[{e}]";
                var key = expressions[e].String("key");
                FieldErrors.AddInvalid(causes, path + ".key", key, LabelValidation.KeyErrors(key));
                var values = expressions[e].Strings("values");
                if (values.Count == 0)
                {
                    causes.Add(FieldErrors.Required(path + ".values", "must specify as least one value"));
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var v = 0; v < values.Count; v++)
                {
                    if (!seen.Add(values[v]))
                    {
                        causes.Add(FieldErrors.Duplicate($"{path}.values[{v}]", values[v]));
                    }
                }
            }
        }
    }
}
