namespace Orchestrator.ApiMachinery.Cron;

/// <summary>
/// A cron schedule with the semantics and error messages of robfig/cron's ParseStandard, which
/// upstream's CronJob validation and controller use: five fields (minute hour day-of-month month
/// day-of-week) with lists, ranges, steps, <c>*</c>, <c>?</c> and month and weekday names; the
/// @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly descriptors; <c>@every</c> a Go
/// duration; and an optional <c>TZ=</c>/<c>CRON_TZ=</c> prefix. Times are evaluated on the wall
/// clock of <see cref="Zone"/>. Immutable.
/// </summary>
public sealed partial class CronSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly CronField[] _fields;
    private readonly TimeSpan? _every;

    private CronSchedule(CronField[] fields, TimeSpan? every, TimeZoneInfo zone, bool zoneInSchedule)
    {
        _fields = fields;
        _every = every;
        Zone = zone;
        ZoneInSchedule = zoneInSchedule;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>Whether the zone came from a TZ=/CRON_TZ= prefix.</summary>
    public bool ZoneInSchedule { get; }

    private CronField Minutes => _fields[0];

    private CronField Hours => _fields[1];

    private CronField Days => _fields[2];

    private CronField Months => _fields[3];

    private CronField Weekdays => _fields[4];

    /// <summary>The parser's complaint about <paramref name="schedule"/>, or null when it is valid.</summary>
    public static string? Check(string schedule)
    {
        try
        {
            _ = Parse(schedule, TimeZoneInfo.Utc);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    /// <summary>Parses <paramref name="text"/> in <paramref name="zone"/> (unless it names its own).</summary>
    /// <exception cref="FormatException">The schedule is invalid, with robfig/cron's message.</exception>
    public static CronSchedule Parse(string text, TimeZoneInfo zone)
    {
        var spec = text;
        var zoneInSchedule = false;
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                throw new FormatException("missing schedule after the time zone");
            }

            var id = spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..space];
            zone = FindZone(id) ?? throw new FormatException("provided bad location " + id);
            zoneInSchedule = true;
            spec = spec[(space + 1)..].Trim();
        }

        if (spec.StartsWith('@'))
        {
            return Descriptor(spec, zone, zoneInSchedule);
        }

        var fields = spec.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"expected exactly 5 fields, found {fields.Length}: [{string.Join(" ", fields)}]");
        }

        return new CronSchedule(
            [
                CronField.Parse(fields[0], 0, 59, null),
                CronField.Parse(fields[1], 0, 23, null),
                CronField.Parse(fields[2], 1, 31, null),
                CronField.Parse(fields[3], 1, 12, MonthNames),
                CronField.Parse(fields[4], 0, 6, DayNames),
            ],
            null,
            zone,
            zoneInSchedule);
    }

    /// <summary>An IANA (or system) time zone by id, or null when unknown.</summary>
    public static TimeZoneInfo? FindZone(string id)
    {
        if (id is "" or "UTC" or "Etc/UTC")
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>The first activation strictly after <paramref name="after"/>, or null within five years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        if (_every is { } every)
        {
            // robfig's ConstantDelaySchedule: whole seconds after the start of the current second.
            return new DateTimeOffset(after.Ticks - (after.Ticks % TimeSpan.TicksPerSecond), after.Offset) + every;
        }

        var local = TimeZoneInfo.ConvertTime(after, Zone).DateTime;
        var wall = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = wall.Year + 5;
        while (wall.Year <= limit)
        {
            if (!Months.Has(wall.Month))
            {
                wall = new DateTime(wall.Year, wall.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
            }
            else if (!DayMatches(wall))
            {
                wall = wall.Date.AddDays(1);
            }
            else if (!Hours.Has(wall.Hour))
            {
                wall = wall.Date.AddHours(wall.Hour + 1);
            }
            else if (!Minutes.Has(wall.Minute))
            {
                wall = wall.AddMinutes(1);
            }
            else if (Zone.IsInvalidTime(wall))
            {
                // Skipped by a daylight-saving jump: the wall clock never shows it.
                wall = wall.AddMinutes(1);
            }
            else
            {
                return new DateTimeOffset(wall, Zone.GetUtcOffset(wall));
            }
        }

        return null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"cron in {Zone.Id}");

    private static CronSchedule Descriptor(string spec, TimeZoneInfo zone, bool zoneInSchedule)
    {
        var standard = spec switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            _ => null,
        };
        if (standard is not null)
        {
            return new CronSchedule(Parse(standard, zone)._fields, null, zone, zoneInSchedule);
        }

        const string every = "@every ";
        if (!spec.StartsWith(every, StringComparison.Ordinal))
        {
            throw new FormatException($"unrecognized descriptor: {spec}");
        }

        var duration = spec[every.Length..];
        var terms = DurationTerm().Matches(duration);
        if (terms.Count == 0 || terms.Sum(t => t.Length) != duration.Length)
        {
            throw InvalidDuration(spec, duration);
        }

        decimal ticks;
        try
        {
            ticks = terms.Sum(t => decimal.Parse(t.Groups["number"].Value, CultureInfo.InvariantCulture) * UnitTicks(t.Groups["unit"].Value));
        }
        catch (OverflowException)
        {
            ticks = decimal.MaxValue;
        }

        if (ticks > long.MaxValue / 100)
        {
            // Beyond Go's int64 nanoseconds.
            throw InvalidDuration(spec, duration);
        }

        // robfig/cron's Every: at least a second, and whole seconds only.
        var delay = TimeSpan.FromSeconds((double)Math.Max(1, Math.Floor(ticks / TimeSpan.TicksPerSecond)));
        return new CronSchedule([], delay, zone, zoneInSchedule);
    }

    private static FormatException InvalidDuration(string spec, string duration) =>
        new($"failed to parse duration {spec}: time: invalid duration {GoText.Quote(duration)}");

    private static decimal UnitTicks(string unit) => unit switch
    {
        "ns" => 0.01m,
        "us" or "µs" => TimeSpan.TicksPerMicrosecond,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        _ => TimeSpan.TicksPerHour,
    };

    /// <summary>robfig/cron: when either day field is unrestricted (* or ?), both must match; otherwise either.</summary>
    private bool DayMatches(DateTime wall)
    {
        var dom = Days.Has(wall.Day);
        var dow = Weekdays.Has((int)wall.DayOfWeek);
        return Days.Star || Weekdays.Star ? dom && dow : dom || dow;
    }

    /// <summary>One number+unit pair of a Go duration, e.g. 1h30m is two.</summary>
    [GeneratedRegex(@"\G(?<number>[0-9]+(\.[0-9]+)?)(?<unit>ns|us|µs|ms|s|m|h)")]
    private static partial Regex DurationTerm();
}
