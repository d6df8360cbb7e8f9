using System.Globalization;
using System.Text;

namespace Orchestrator.Kubelet.Images;

/// <summary>Go's time.Duration.String() for durations truncated to milliseconds ("0s", "123ms", "1.5s", "2m3.004s", "1h0m0s").</summary>
public static class GoDuration
{
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        if (ms == 0)
        {
            return "0s";
        }

        var sign = ms < 0 ? "-" : "";
        ms = Math.Abs(ms);
        if (ms < 1000)
        {
            return sign + ms.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var text = new StringBuilder(sign);
        var hours = ms / 3_600_000;
        var minutes = ms / 60_000 % 60;
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        }

        var seconds = ms / 1000 % 60;
        var fraction = ms % 1000;
        text.Append(seconds.ToString(CultureInfo.InvariantCulture));
        if (fraction > 0)
        {
            text.Append('.').Append(fraction.ToString("000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        return text.Append('s').ToString();
    }
}
