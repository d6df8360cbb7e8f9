namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// Upstream's validateOS, validateWindows and validateLinux (pkg/apis/core/validation/validation.go, called from
/// ValidatePodSpec): with <c>spec.os.name</c> set, the name must be linux or windows; a Windows pod may set none
/// of the Linux-only security fields (each Forbidden "cannot be set for a windows pod"), a Linux pod no
/// windowsOptions ("windows options cannot be set for a linux pod"). Without spec.os nothing is checked.
/// </summary>
internal static class PodOsValidation
{
    private const string WindowsPod = "cannot be set for a windows pod";
    private const string LinuxPod = "windows options cannot be set for a linux pod";

    /// <summary>The pod-level security fields a Windows pod may not set (upstream's order).</summary>
    private static readonly string[] PodSecurityFields =
        ["appArmorProfile", "seLinuxOptions", "seccompProfile", "fsGroup", "fsGroupChangePolicy", "sysctls", "runAsUser", "runAsGroup", "supplementalGroups", "supplementalGroupsPolicy"];

    /// <summary>The container security fields a Windows pod's containers may not set (upstream's order).</summary>
    private static readonly string[] ContainerSecurityFields =
        ["appArmorProfile", "seLinuxOptions", "seccompProfile", "capabilities", "readOnlyRootFilesystem", "privileged", "allowPrivilegeEscalation", "procMount", "runAsUser", "runAsGroup"];

    private static readonly string[] ContainerLists = ["initContainers", "containers", "ephemeralContainers"];

    public static void Validate(JsonObject? spec, string path, List<StatusCause> causes)
    {
        if (spec?["os"] is not JsonObject os)
        {
            return;
        }

        var name = JsonFields.Text(os["name"]);
        switch (name)
        {
            case null or "":
                causes.Add(FieldErrors.Required($"{path}.os.name", "cannot be empty"));
                break;
            case "linux":
                Linux(spec, path, causes);
                break;
            case "windows":
                Windows(spec, path, causes);
                break;
            default:
                causes.Add(FieldErrors.NotSupported($"{path}.os", name, ["linux", "windows"]));
                break;
        }
    }

    private static void Windows(JsonObject spec, string path, List<StatusCause> causes)
    {
        var security = spec["securityContext"] as JsonObject;
        foreach (var field in PodSecurityFields.Where(f => IsSet(security?[f], f)))
        {
            causes.Add(FieldErrors.Forbidden($"{path}.securityContext.{field}", WindowsPod));
        }

        // hostUsers, hostPID, hostIPC and shareProcessNamespace sit in the internal PodSecurityContext upstream; in
        // v1 they are spec fields, and so are their paths.
        if (spec["hostUsers"] is JsonValue)
        {
            causes.Add(FieldErrors.Forbidden($"{path}.hostUsers", WindowsPod));
        }

        foreach (var field in new[] { "hostPID", "hostIPC" }.Where(f => IsTrue(spec[f])))
        {
            causes.Add(FieldErrors.Forbidden($"{path}.{field}", WindowsPod));
        }

        if (spec["shareProcessNamespace"] is JsonValue)
        {
            causes.Add(FieldErrors.Forbidden($"{path}.shareProcessNamespace", WindowsPod));
        }

        foreach (var (at, container) in Containers(spec, path))
        {
            var own = container["securityContext"] as JsonObject;
            foreach (var field in ContainerSecurityFields.Where(f => own?[f] is not null))
            {
                causes.Add(FieldErrors.Forbidden($"{at}.securityContext.{field}", WindowsPod));
            }
        }
    }

    private static void Linux(JsonObject spec, string path, List<StatusCause> causes)
    {
        if (spec["securityContext"]?["windowsOptions"] is JsonObject)
        {
            causes.Add(FieldErrors.Forbidden($"{path}.securityContext.windowsOptions", LinuxPod));
        }

        foreach (var (at, container) in Containers(spec, path))
        {
            if (container["securityContext"]?["windowsOptions"] is JsonObject)
            {
                causes.Add(FieldErrors.Forbidden($"{at}.securityContext.windowsOptions", LinuxPod));
            }
        }
    }

    /// <summary>Upstream's VisitContainersWithPath: init containers, containers, then ephemeral containers.</summary>
    private static IEnumerable<(string Path, JsonObject Container)> Containers(JsonObject spec, string path) =>
        ContainerLists.SelectMany(list => JsonFields.Items(spec, list).Select(item => ($"{path}.{list}[{item.Index}]", item.Item)));

    /// <summary>Sysctls and supplementalGroups count when non-empty (upstream: len &gt; 0 / non-nil after conversion).</summary>
    private static bool IsSet(JsonNode? value, string field) => field switch
    {
        "sysctls" or "supplementalGroups" => value is JsonArray { Count: > 0 },
        _ => value is not null,
    };

    private static bool IsTrue(JsonNode? value) => value is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
