namespace Orchestrator.ApiMachinery.Text;

/// <summary>
/// Upstream's duration.HumanDuration (k8s.io/apimachinery/pkg/util/duration): about two
/// significant units, e.g. 45s, 119s, 5m30s, 65m, 3h5m, 20h, 3d4h, 400d, 2y3d, 9y.
/// </summary>
public static class HumanDuration
{
    public static string Format(TimeSpan duration)
    {
        // Truncation toward zero, like Go's int(d.Seconds()); up to 2s of clock skew reads as "0s".
        var seconds = (long)Math.Truncate(duration.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return $"{seconds}s";
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return WithRemainder(minutes, "m", seconds % 60, "s");
        }

        if (minutes < 60 * 3)
        {
            return $"{minutes}m";
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return WithRemainder(hours, "h", minutes % 60, "m");
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        var days = hours / 24;
        if (hours < 24 * 8)
        {
            return WithRemainder(days, "d", hours % 24, "h");
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{days}d";
        }

        var years = days / 365;
        return hours < 24 * 365 * 8 ? WithRemainder(years, "y", days % 365, "d") : $"{years}y";
    }

    /// <summary>Time elapsed since <paramref name="time"/> as printers show it; "&lt;unknown&gt;" when unset.</summary>
    public static string Since(DateTimeOffset? time, DateTimeOffset now) =>
        time is { } t ? Format(now - t) : "<unknown>";

    private static string WithRemainder(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0 ? $"{major}{majorUnit}" : $"{major}{majorUnit}{minor}{minorUnit}";
}
