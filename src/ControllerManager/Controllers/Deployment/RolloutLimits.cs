namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>
/// maxSurge / maxUnavailable resolution (upstream's <c>ResolveFenceposts</c>): percentages of
/// <c>spec.replicas</c>, surge rounded up, unavailable rounded down; if both resolve to zero,
/// maxUnavailable becomes 1 so a rollout can always proceed.
/// </summary>
internal static class RolloutLimits
{
    public static bool IsRollingUpdate(V1Deployment d) => (d.Spec.Strategy?.Type ?? "RollingUpdate") == "RollingUpdate";

    public static int Replicas(V1Deployment d) => d.Spec.Replicas ?? 1;

    public static (int MaxSurge, int MaxUnavailable) Resolve(string? maxSurge, string? maxUnavailable, int desired)
    {
        var surge = Scaled(maxSurge, desired, roundUp: true);
        var unavailable = Scaled(maxUnavailable, desired, roundUp: false);
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }

    public static int MaxSurge(V1Deployment d) => IsRollingUpdate(d)
        ? Resolve(d.Spec.Strategy?.RollingUpdate?.MaxSurge?.Value, d.Spec.Strategy?.RollingUpdate?.MaxUnavailable?.Value, Replicas(d)).MaxSurge
        : 0;

    public static int MaxUnavailable(V1Deployment d) => IsRollingUpdate(d)
        ? Resolve(d.Spec.Strategy?.RollingUpdate?.MaxSurge?.Value, d.Spec.Strategy?.RollingUpdate?.MaxUnavailable?.Value, Replicas(d)).MaxUnavailable
        : 0;

    /// <summary>The least number of available pods a rolling update keeps (0 for Recreate).</summary>
    public static int MinAvailable(V1Deployment d) => IsRollingUpdate(d) ? Replicas(d) - MaxUnavailable(d) : 0;

    /// <summary>An int, or a percentage of <paramref name="total"/> (upstream's <c>GetScaledValueFromIntOrPercent</c>).</summary>
    public static int Scaled(string? value, int total, bool roundUp)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        if (value.EndsWith('%'))
        {
            if (!int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent))
            {
                throw new FormatException($"invalid value for IntOrString: invalid value \"{value}\"");
            }

            var scaled = (long)percent * total;
            return (int)(roundUp ? (scaled + 99) / 100 : scaled / 100);
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"invalid value for IntOrString: invalid type: string is not a percentage");
    }
}
