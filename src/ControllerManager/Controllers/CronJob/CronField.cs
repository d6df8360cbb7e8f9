using System.Globalization;

namespace Orchestrator.ControllerManager.Controllers.CronJob;

/// <summary>One field of a cron schedule: the set of values it allows.</summary>
internal sealed class CronField
{
    private readonly ulong _bits;

    private CronField(ulong bits, bool star)
    {
        _bits = bits;
        Star = star;
    }

    /// <summary>Written as * or ? (robfig's star bit), which changes how the two day fields combine.</summary>
    public bool Star { get; }

    public bool Has(int value) => (_bits & (1UL << value)) != 0;

    public static CronField Parse(string text, int min, int max, string[]? names)
    {
        ulong bits = 0;
        var star = false;
        foreach (var part in text.Split(','))
        {
            var slash = part.Split('/');
            if (slash.Length > 2)
            {
                throw new FormatException("too many slashes: " + part);
            }

            var range = slash[0];
            int low, high;
            var isStar = range is "*" or "?";
            if (isStar)
            {
                (low, high) = (min, max);
            }
            else
            {
                var dash = range.Split('-');
                if (dash.Length > 2)
                {
                    throw new FormatException("too many hyphens: " + part);
                }

                low = Value(dash[0], min, names);
                high = dash.Length == 2 ? Value(dash[1], min, names) : low;
            }

            var step = 1;
            if (slash.Length == 2)
            {
                if (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0)
                {
                    throw new FormatException("step must be a positive number: " + part);
                }

                if (!isStar && !range.Contains('-', StringComparison.Ordinal))
                {
                    // "N/step" means "N-max/step".
                    high = max;
                }
            }

            if (low < min || high > max || low > high)
            {
                throw new FormatException($"{part}: out of range [{min}, {max}]");
            }

            star |= isStar && step == 1;
            for (var v = low; v <= high; v += step)
            {
                bits |= 1UL << v;
            }
        }

        return new CronField(bits, star);
    }

    private static int Value(string text, int min, string[]? names)
    {
        if (names is not null)
        {
            var index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return index + min;
            }
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException("failed to parse int from " + text);
    }
}
