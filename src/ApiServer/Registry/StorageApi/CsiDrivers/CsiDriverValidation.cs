using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.StorageApi.CsiDrivers;

/// <summary>
/// Upstream's ValidateCSIDriver: the name is a CSI driver name (reported at <c>name</c>), the booleans are
/// set (defaulting sets them), known fsGroupPolicy and volume lifecycle modes, token requests with
/// distinct audiences and expirations of 10 minutes to 2^32 seconds.
/// </summary>
internal static class CsiDriverValidation
{
    private const long MinExpirationSeconds = 600;
    private const long MaxExpirationSeconds = 1L << 32;
    private static readonly string[] FsGroupPolicies = ["File", "None", "ReadWriteOnceWithFSType"];
    private static readonly string[] LifecycleModes = ["Ephemeral", "Persistent"];

    public static void Validate(JsonObject driver, List<StatusCause> causes)
    {
        CsiDriverNames.Validate(driver.String("metadata", "name"), "name", causes);
        var spec = driver["spec"] as JsonObject;
        foreach (var field in new[] { "attachRequired", "podInfoOnMount", "storageCapacity", "requiresRepublish" })
        {
            if (spec.BoolOrNull(field) is null)
            {
                causes.Add(FieldErrors.Required("spec." + field));
            }
        }

        if (spec.StringOrNull("fsGroupPolicy") is { } policy && !FsGroupPolicies.Contains(policy))
        {
            causes.Add(FieldErrors.NotSupported("spec.fsGroupPolicy", policy, FsGroupPolicies));
        }

        var modes = spec.Strings("volumeLifecycleModes");
        for (var i = 0; i < modes.Count; i++)
        {
            if (!LifecycleModes.Contains(modes[i]))
            {
                causes.Add(FieldErrors.NotSupported($"spec.volumeLifecycleModes[{i}]", modes[i], LifecycleModes));
            }
        }

        TokenRequests(spec.Objects("tokenRequests"), causes);
    }

    private static void TokenRequests(IReadOnlyList<JsonObject> requests, List<StatusCause> causes)
    {
        var audiences = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var path = $"spec.tokenRequests[{i}]";
            var audience = requests[i].String("audience");
            if (!audiences.Add(audience))
            {
                causes.Add(FieldErrors.Duplicate(path + ".audience", audience));
            }

            if (requests[i].LongOrNull("expirationSeconds") is { } seconds)
            {
                if (seconds < MinExpirationSeconds)
                {
                    causes.Add(FieldErrors.InvalidNumber(path + ".expirationSeconds", seconds, "may not specify a duration less than 10 minutes"));
                }

                if (seconds > MaxExpirationSeconds)
                {
                    causes.Add(FieldErrors.InvalidNumber(path + ".expirationSeconds", seconds, "may not specify a duration larger than 2^32 seconds"));
                }
            }
        }
    }
}
