namespace Orchestrator.ApiMachinery.Cron;

/// <summary>
/// One field of a standard cron schedule (robfig/cron's getField): the set of values it allows, from
/// a comma-separated list of <c>*</c>, <c>?</c>, <c>N</c>, <c>N-M</c>, each optionally <c>/step</c>,
/// with the parser's error messages. Immutable.
/// </summary>
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

    /// <summary>Parses one field whose values lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="FormatException">The field is invalid, with robfig/cron's message.</exception>
    public static CronField Parse(string text, int min, int max, string[]? names)
    {
        ulong bits = 0;
        var star = false;
        foreach (var part in text.Split(','))
        {
            var (low, high, step, isStar) = Range(part, min, max, names);
            star |= isStar && step == 1;
            for (var v = low; v <= high; v += step)
            {
                bits |= 1UL << v;
            }
        }

        return new CronField(bits, star);
    }

    private static (int Low, int High, int Step, bool Star) Range(string expression, int min, int max, string[]? names)
    {
        var rangeAndStep = expression.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        if (rangeAndStep.Length > 2)
        {
            throw new FormatException($"too many slashes: {expression}");
        }

        if (lowAndHigh.Length > 2)
        {
            throw new FormatException($"too many hyphens: {expression}");
        }

        int start, end;
        var isStar = lowAndHigh[0] is "*" or "?";
        if (isStar)
        {
            (start, end) = (min, max);
            if (lowAndHigh.Length > 1)
            {
                throw new FormatException(NotAnInteger(lowAndHigh[1]));
            }
        }
        else
        {
            start = Number(lowAndHigh[0], min, names);
            end = lowAndHigh.Length == 2 ? Number(lowAndHigh[1], min, names) : start;
        }

        var step = 1;
        if (rangeAndStep.Length == 2)
        {
            step = Number(rangeAndStep[1], 0, null);
            if (step <= 0)
            {
                throw new FormatException($"step of range should be a positive number: {expression}");
            }
        }

        if (start < min)
        {
            throw new FormatException($"beginning of range ({start}) below minimum ({min}): {expression}");
        }

        if (end > max)
        {
            throw new FormatException($"end of range ({end}) above maximum ({max}): {expression}");
        }

        if (start > end)
        {
            throw new FormatException($"beginning of range ({start}) beyond end of range ({end}): {expression}");
        }

        // "N/step" means "N-max/step".
        if (rangeAndStep.Length == 2 && !isStar && lowAndHigh.Length == 1)
        {
            end = max;
        }

        return (start, end, step, isStar);
    }

    /// <summary>A number, or a name from <paramref name="names"/> (any case) standing for its index + <paramref name="min"/>.</summary>
    private static int Number(string text, int min, string[]? names)
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
            : throw new FormatException(NotAnInteger(text));
    }

    private static string NotAnInteger(string text) =>
        $"failed to parse int from {text}: strconv.Atoi: parsing {GoText.Quote(text)}: invalid syntax";
}
