using Orchestrator.ApiMachinery.Resources;

namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// Upstream's container ResourceRequirements checks: known resource names, quantities not negative
/// (and whole numbers for extended resources), requests not above limits, and requests equal to
/// limits for resources that cannot be overcommitted.
/// </summary>
internal static class ResourceValidation
{
    private static readonly string[] ContainerResources = ["cpu", "memory", "ephemeral-storage"];

    public static void Validate(JsonObject? resources, string at, List<StatusCause> causes)
    {
        var limitsPath = $"{at}.limits";
        var requestsPath = $"{at}.requests";
        var limits = Quantities(resources?["limits"] as JsonObject);
        foreach (var (name, quantity) in limits)
        {
            Check(name, quantity, $"{limitsPath}[{name}]", causes);
        }

        foreach (var (name, quantity) in Quantities(resources?["requests"] as JsonObject))
        {
            Check(name, quantity, $"{requestsPath}[{name}]", causes);
            if (quantity is null)
            {
                continue;
            }

            if (limits.TryGetValue(name, out var limit) && limit is not null)
            {
                var order = quantity.Value.CompareTo(limit.Value);
                if (order != 0 && !OvercommitAllowed(name))
                {
                    causes.Add(FieldErrors.InvalidText(requestsPath, quantity.Value.ToString(), $"must be equal to {name} limit of {limit.Value}"));
                }
                else if (order > 0)
                {
                    causes.Add(FieldErrors.InvalidText(requestsPath, quantity.Value.ToString(), $"must be less than or equal to {name} limit of {limit.Value}"));
                }
            }
            else if (!OvercommitAllowed(name))
            {
                causes.Add(FieldErrors.Required(limitsPath, "Limit must be set for non overcommitable resources"));
            }
        }
    }

    /// <summary>The quantities of a resource list, by name; null for a value that does not parse (decoding rejected it earlier).</summary>
    private static Dictionary<string, Quantity?> Quantities(JsonObject? list)
    {
        var result = new Dictionary<string, Quantity?>(StringComparer.Ordinal);
        foreach (var (name, value) in list ?? [])
        {
            var text = JsonFields.Text(value) ?? value?.ToJsonString() ?? "0";
            result[name] = Quantity.TryParse(text, out var quantity, out _) ? quantity : null;
        }

        return result;
    }

    private static void Check(string name, Quantity? quantity, string path, List<StatusCause> causes)
    {
        Name(name, path, causes);
        if (quantity is not { } q)
        {
            return;
        }

        if (q.Sign < 0)
        {
            causes.Add(FieldErrors.InvalidText(path, q.ToString(), "must be greater than or equal to 0"));
        }

        if (IsExtended(name) && !q.IsInteger)
        {
            causes.Add(FieldErrors.InvalidText(path, q.ToString(), "must be an integer"));
        }
    }

    /// <summary>validateContainerResourceName: a qualified name; unprefixed ones must be compute resources, prefixed ones native or extended.</summary>
    private static void Name(string name, string path, List<StatusCause> causes)
    {
        var problems = LabelValidation.KeyErrors(name);
        FieldErrors.AddInvalid(causes, path, name, problems);
        if (problems.Count > 0)
        {
            return;
        }

        if (!name.Contains('/', StringComparison.Ordinal) && !IsStandardContainerResource(name))
        {
            causes.Add(FieldErrors.InvalidText(path, name, "must be a standard resource type or fully qualified"));
            causes.Add(FieldErrors.InvalidText(path, name, "must be a standard resource for containers"));
        }
        else if (name.Contains('/', StringComparison.Ordinal) && !IsNative(name) && name.StartsWith("requests.", StringComparison.Ordinal))
        {
            causes.Add(FieldErrors.InvalidText(path, name, "doesn't follow extended resource name standard"));
        }
    }

    private static bool IsStandardContainerResource(string name) =>
        ContainerResources.Contains(name) || name.StartsWith("hugepages-", StringComparison.Ordinal);

    private static bool IsNative(string name) =>
        !name.Contains('/', StringComparison.Ordinal) || name.Contains("kubernetes.io/", StringComparison.Ordinal);

    private static bool IsExtended(string name) => !IsNative(name) && !name.StartsWith("requests.", StringComparison.Ordinal);

    private static bool OvercommitAllowed(string name) => IsNative(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal);
}
