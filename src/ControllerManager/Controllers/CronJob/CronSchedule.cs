using System.Globalization;

namespace Orchestrator.ControllerManager.Controllers.CronJob;

/// <summary>
/// A standard five-field cron schedule (minute hour day-of-month month day-of-week) with the
/// semantics of robfig/cron's ParseStandard, which upstream uses: ranges, steps, lists, month and
/// weekday names, <c>?</c>, the @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly
/// descriptors, and an optional <c>TZ=</c>/<c>CRON_TZ=</c> prefix. Times are evaluated on the wall
/// clock of <see cref="Zone"/>.
/// </summary>
internal sealed class CronSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly CronField _minutes;
    private readonly CronField _hours;
    private readonly CronField _days;
    private readonly CronField _months;
    private readonly CronField _weekdays;

    private CronSchedule(CronField minutes, CronField hours, CronField days, CronField months, CronField weekdays, TimeZoneInfo zone, bool zoneInSchedule)
    {
        _minutes = minutes;
        _hours = hours;
        _days = days;
        _months = months;
        _weekdays = weekdays;
        Zone = zone;
        ZoneInSchedule = zoneInSchedule;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>Whether the zone came from a TZ=/CRON_TZ= prefix.</summary>
    public bool ZoneInSchedule { get; }

    /// <summary>Parses <paramref name="text"/> in <paramref name="zone"/>; throws <see cref="FormatException"/> when invalid.</summary>
    public static CronSchedule Parse(string text, TimeZoneInfo zone)
    {
        var spec = text.Trim();
        var zoneInSchedule = false;
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                throw new FormatException("missing schedule after the time zone");
            }

            zone = FindZone(spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..space])
                ?? throw new FormatException("provided bad location " + spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..space]);
            zoneInSchedule = true;
            spec = spec[(space + 1)..].Trim();
        }

        spec = spec switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            _ when spec.StartsWith('@') => throw new FormatException("unrecognized descriptor: " + spec),
            _ => spec,
        };
        var fields = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"expected exactly 5 fields, found {fields.Length}: {text}");
        }

        return new CronSchedule(
            CronField.Parse(fields[0], 0, 59, null),
            CronField.Parse(fields[1], 0, 23, null),
            CronField.Parse(fields[2], 1, 31, null),
            CronField.Parse(fields[3], 1, 12, MonthNames),
            CronField.Parse(fields[4], 0, 6, DayNames),
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
        var local = TimeZoneInfo.ConvertTime(after, Zone).DateTime;
        var wall = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = wall.Year + 5;
        while (wall.Year <= limit)
        {
            if (!_months.Has(wall.Month))
            {
                wall = new DateTime(wall.Year, wall.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
            }
            else if (!DayMatches(wall))
            {
                wall = wall.Date.AddDays(1);
            }
            else if (!_hours.Has(wall.Hour))
            {
                wall = wall.Date.AddHours(wall.Hour + 1);
            }
            else if (!_minutes.Has(wall.Minute))
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

    /// <summary>robfig/cron: when either day field is unrestricted (* or ?), both must match; otherwise either.</summary>
    private bool DayMatches(DateTime wall)
    {
        var dom = _days.Has(wall.Day);
        var dow = _weekdays.Has((int)wall.DayOfWeek);
        return _days.Star || _weekdays.Star ? dom && dow : dom || dow;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"cron in {Zone.Id}");
}
