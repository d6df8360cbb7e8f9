namespace Orchestrator.ControllerManager.Controllers.Workloads;

/// <summary>Upstream intstr.GetScaledValueFromIntOrPercent.</summary>
internal static class IntOrPercent
{
    public static int Scaled(IntOrString? value, int total, bool roundUp, int fallback)
    {
        if (value?.Value is not { } text)
        {
            return fallback;
        }

        if (text.EndsWith('%'))
        {
            var percent = int.Parse(text.AsSpan(0, text.Length - 1), NumberStyles.Integer, CultureInfo.InvariantCulture);
            var scaled = percent * (double)total / 100;
            return (int)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled));
        }

        return int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}
