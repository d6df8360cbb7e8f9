using System.Globalization;
using Orchestrator.ApiMachinery.Text;

namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// The standard five-field cron syntax upstream accepts (robfig/cron's standard parser): minute,
/// hour, day of month, month, day of week; lists, ranges, steps, <c>*</c> and <c>?</c>, month and
/// weekday names, and the <c>@hourly</c>-style descriptors. Returns the parser's complaint, or null.
/// </summary>
internal static class CronSchedule
{
    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    private static readonly (int Min, int Max, string[]? Names)[] Fields =
    [
        (0, 59, null),
        (0, 23, null),
        (1, 31, null),
        (1, 12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
        (0, 6, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
    ];

    public static string? Check(string schedule)
    {
        if (schedule.StartsWith('@'))
        {
            return Descriptor(schedule);
        }

        var fields = schedule.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != Fields.Length)
        {
            return $"expected exactly 5 fields, found {fields.Length}: [{string.Join(" ", fields)}]";
        }

        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var part in fields[i].Split(','))
            {
                if (Range(part, Fields[i]) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static string? Descriptor(string schedule)
    {
        if (Descriptors.Contains(schedule))
        {
            return null;
        }

        const string every = "@every ";
        if (schedule.StartsWith(every, StringComparison.Ordinal))
        {
            // Go durations: one or more number+unit pairs, e.g. 1h30m.
            return System.Text.RegularExpressions.Regex.IsMatch(schedule[every.Length..], @"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$")
                ? null
                : $"failed to parse duration {schedule}: time: invalid duration {GoText.Quote(schedule[every.Length..])}";
        }

        return $"unrecognized descriptor: {schedule}";
    }

    private static string? Range(string expression, (int Min, int Max, string[]? Names) field)
    {
        var rangeAndStep = expression.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        if (rangeAndStep.Length > 2)
        {
            return $"too many slashes: {expression}";
        }

        if (lowAndHigh.Length > 2)
        {
            return $"too many hyphens: {expression}";
        }

        int start, end;
        if (lowAndHigh[0] is "*" or "?")
        {
            (start, end) = (field.Min, field.Max);
            if (lowAndHigh.Length > 1)
            {
                return $"failed to parse int from {lowAndHigh[1]}: strconv.Atoi: parsing {GoText.Quote(lowAndHigh[1])}: invalid syntax";
            }
        }
        else
        {
            if (Number(lowAndHigh[0], field.Names, out start) is { } bad)
            {
                return bad;
            }

            end = start;
            if (lowAndHigh.Length == 2 && Number(lowAndHigh[1], field.Names, out end) is { } badEnd)
            {
                return badEnd;
            }
        }

        if (rangeAndStep.Length == 2)
        {
            if (Number(rangeAndStep[1], null, out var step) is { } badStep)
            {
                return badStep;
            }

            if (step <= 0)
            {
                return $"step of range should be a positive number: {expression}";
            }
        }

        return start < field.Min ? $"beginning of range ({start}) below minimum ({field.Min}): {expression}"
            : end > field.Max ? $"end of range ({end}) above maximum ({field.Max}): {expression}"
            : start > end ? $"beginning of range ({start}) beyond end of range ({end}): {expression}"
            : null;
    }

    private static string? Number(string text, string[]? names, out int value)
    {
        var named = names is null ? -1 : Array.IndexOf(names, text.ToLowerInvariant());
        if (named >= 0)
        {
            value = named + (names!.Length == 12 ? 1 : 0);
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }

        return $"failed to parse int from {text}: strconv.Atoi: parsing {GoText.Quote(text)}: invalid syntax";
    }
}
