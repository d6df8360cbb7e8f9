using System.Net.Mail;

namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// The string formats a CRD schema validates (apiextensions' supported formats, checked as kube-openapi's
/// strfmt registry checks them). Other formats are ignored, as upstream strips them before validating.
/// </summary>
internal static partial class SchemaFormats
{
    private static readonly Dictionary<string, Func<string, bool>> Checks = new(StringComparer.Ordinal)
    {
        ["bsonobjectid"] = s => s.Length == 24 && s.All(char.IsAsciiHexDigit),
        ["uri"] = IsRequestUri,
        ["email"] = s => MailAddress.TryCreate(s, out var address) && address.Address.Length > 0,
        ["hostname"] = s => Hostname().IsMatch(s) && s.Length <= 255 && s.Split('.').All(p => p.Length <= 63),
        ["ipv4"] = s => s.Contains('.', StringComparison.Ordinal) && IsIp(s),
        ["ipv6"] = s => s.Contains(':', StringComparison.Ordinal) && IsIp(s),
        ["cidr"] = IsCidr,
        ["mac"] = IsMac,
        ["uuid"] = s => Uuid().IsMatch(s),
        ["uuid3"] = s => Uuid3().IsMatch(s),
        ["uuid4"] = s => Uuid4().IsMatch(s),
        ["uuid5"] = s => Uuid5().IsMatch(s),
        ["isbn"] = s => IsIsbn10(s) || IsIsbn13(s),
        ["isbn10"] = IsIsbn10,
        ["isbn13"] = IsIsbn13,
        ["creditcard"] = IsCreditCard,
        ["ssn"] = s => s.Length == 11 && Ssn().IsMatch(s),
        ["hexcolor"] = s => HexColor().IsMatch(s),
        ["rgbcolor"] = s => RgbColor().IsMatch(s),
        ["byte"] = s => Base64().IsMatch(s),
        ["password"] = _ => true,
        ["date"] = IsDate,
        ["duration"] = IsDuration,
        ["datetime"] = IsDateTime,
        ["k8sshortname"] = s => NameValidation.Dns1123Label(s).Count == 0,
        ["k8slongname"] = s => NameValidation.Dns1123Subdomain(s).Count == 0,
    };

    /// <summary>
    /// The format a value of <paramref name="type"/> is validated against, or "" when upstream ignores it
    /// (StripUnsupportedFormatsPostProcess: integer keeps int32/int64, number float/double, strings the
    /// registry's names).
    /// </summary>
    public static string Effective(string type, string format) => type switch
    {
        _ when format.Length == 0 => "",
        "" or JsonKinds.String => Checks.ContainsKey(Normalize(format)) ? format : "",
        JsonKinds.Integer => format is "int32" or "int64" ? format : "",
        JsonKinds.Number => format is "float" or "double" ? format : "",
        _ => "",
    };

    /// <summary>True when <paramref name="value"/> satisfies string format <paramref name="format"/> (unknown formats pass).</summary>
    public static bool IsValid(string format, string value) =>
        !Checks.TryGetValue(Normalize(format), out var check) || check(value);

    /// <summary>True when the registry validates strings of this format.</summary>
    public static bool IsStringFormat(string format) => Checks.ContainsKey(Normalize(format));

    /// <summary>go-openapi's name normalization: "date-time" and "datetime" are one format.</summary>
    private static string Normalize(string format) => format.Replace("-", "", StringComparison.Ordinal);

    private static bool IsRequestUri(string s)
    {
        // Go's url.ParseRequestURI: an absolute URI (with a scheme) or an absolute path.
        if (s.Length == 0 || s.Any(c => c < ' ' || c == '\x7f'))
        {
            return false;
        }

        return s[0] == '/' || (UriScheme().IsMatch(s) && Uri.TryCreate(s, UriKind.Absolute, out _));
    }

    /// <summary>Go's net.ParseIP (sloppy: IPv4 octets may have leading zeros): dotted quads or IPv6 without a zone.</summary>
    private static bool IsIp(string s)
    {
        if (!s.Contains(':', StringComparison.Ordinal))
        {
            var octets = s.Split('.');
            return octets.Length == 4 && octets.All(o => o.Length is > 0 and <= 3 && o.All(char.IsAsciiDigit) && int.Parse(o, CultureInfo.InvariantCulture) <= 255);
        }

        return IpShape().IsMatch(s) && IPAddress.TryParse(s, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

    private static bool IsCidr(string s)
    {
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IsIp(s[..slash]) || !int.TryParse(s[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            return false;
        }

        var max = s[..slash].Contains(':', StringComparison.Ordinal) ? 128 : 32;
        return bits <= max && s[(slash + 1)..].Length <= 3;
    }

    private static bool IsMac(string s)
    {
        // Go's net.ParseMAC: 6, 8 or 20 octets as xx:xx / xx-xx groups of one octet, or xxxx.xxxx groups of two.
        if (s.Length >= 14 && s[4] == '.')
        {
            var groups = s.Split('.');
            return groups.Length is 3 or 4 or 10 && groups.All(g => g.Length == 4 && g.All(char.IsAsciiHexDigit));
        }

        var separator = s.Length > 2 ? s[2] : ' ';
        if (separator is not (':' or '-'))
        {
            return false;
        }

        var octets = s.Split(separator);
        return octets.Length is 6 or 8 or 20 && octets.All(o => o.Length == 2 && o.All(char.IsAsciiHexDigit));
    }

    private static bool IsIsbn10(string s)
    {
        var digits = IsbnSeparators().Replace(s, "");
        if (!Isbn10().IsMatch(digits))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (i + 1) * (digits[i] - '0');
        }

        sum += digits[9] == 'X' ? 100 : 10 * (digits[9] - '0');
        return sum % 11 == 0;
    }

    private static bool IsIsbn13(string s)
    {
        var digits = IsbnSeparators().Replace(s, "");
        if (digits.Length != 13 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (i % 2 == 0 ? 1 : 3) * (digits[i] - '0');
        }

        return (10 - (sum % 10)) % 10 == digits[12] - '0';
    }

    private static bool IsCreditCard(string s)
    {
        var digits = new string(s.Where(char.IsAsciiDigit).ToArray());
        if (!CreditCard().IsMatch(digits))
        {
            return false;
        }

        // Luhn checksum.
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled)
            {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }

            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    private static bool IsDate(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsDateTime(string s)
    {
        if (s.Length < 4)
        {
            return false;
        }

        var parts = s.ToLowerInvariant().Split('t');
        if (parts.Length < 2 || !IsDate(parts[0]))
        {
            return false;
        }

        var m = DateTimeTail().Match(parts[1]);
        return m.Success
            && string.CompareOrdinal(m.Groups[1].Value, "23") <= 0
            && string.CompareOrdinal(m.Groups[2].Value, "59") <= 0
            && string.CompareOrdinal(m.Groups[3].Value, "59") <= 0;
    }

    private static bool IsDuration(string s)
    {
        if (GoDurationText().IsMatch(s))
        {
            return true;
        }

        // strfmt's fallback: "<n> <unit>" pairs with units ns/us/ms/s/m/h/d/w and their long names.
        string[][] units = [["ns", "nano"], ["us", "µs", "micro"], ["ms", "milli"], ["s", "sec"], ["m", "min"], ["h", "hr", "hour"], ["d", "day"], ["w", "wk", "week"]];
        foreach (Match match in DurationPart().Matches(s))
        {
            var unit = match.Groups[3].Value.Trim().ToLowerInvariant();
            foreach (var variants in units)
            {
                for (var i = 0; i < variants.Length; i++)
                {
                    if ((i == variants.Length - 1 && unit.StartsWith(variants[i], StringComparison.Ordinal)) || string.Equals(variants[i], unit, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    [GeneratedRegex(@"^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$")]
    private static partial Regex Hostname();

    [GeneratedRegex("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\\z")]
    private static partial Regex Uuid();

    [GeneratedRegex("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?3[0-9a-fA-F]{3}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\\z")]
    private static partial Regex Uuid3();

    [GeneratedRegex("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?4[0-9a-fA-F]{3}-?[89abAB][0-9a-fA-F]{3}-?[0-9a-fA-F]{12}\\z")]
    private static partial Regex Uuid4();

    [GeneratedRegex("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?5[0-9a-fA-F]{3}-?[89abAB][0-9a-fA-F]{3}-?[0-9a-fA-F]{12}\\z")]
    private static partial Regex Uuid5();

    [GeneratedRegex(@"[\s-]+")]
    private static partial Regex IsbnSeparators();

    [GeneratedRegex("^(?:[0-9]{9}X|[0-9]{10})\\z")]
    private static partial Regex Isbn10();

    [GeneratedRegex(@"^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|(222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35[0-9]{3})[0-9]{11}|6[27][0-9]{14})$")]
    private static partial Regex CreditCard();

    [GeneratedRegex(@"^[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{4}$")]
    private static partial Regex Ssn();

    [GeneratedRegex("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\\z")]
    private static partial Regex HexColor();

    [GeneratedRegex(@"^rgb\(\s*(0|[1-9][0-9]?|1[0-9][0-9]?|2[0-4][0-9]|25[0-5])\s*,\s*(0|[1-9][0-9]?|1[0-9][0-9]?|2[0-4][0-9]|25[0-5])\s*,\s*(0|[1-9][0-9]?|1[0-9][0-9]?|2[0-4][0-9]|25[0-5])\s*\)$")]
    private static partial Regex RgbColor();

    [GeneratedRegex("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})\\z")]
    private static partial Regex Base64();

    [GeneratedRegex("^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))\\z")]
    private static partial Regex DateTimeTail();

    [GeneratedRegex(@"^[-+]?(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$")]
    private static partial Regex GoDurationText();

    [GeneratedRegex(@"(([0-9]+)\s*([A-Za-zµ]+))")]
    private static partial Regex DurationPart();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UriScheme();

    [GeneratedRegex("^[0-9a-fA-F:.]+\\z")]
    private static partial Regex IpShape();
}
