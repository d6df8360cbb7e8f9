namespace Orchestrator.ApiMachinery.Labels;

/// <summary>
/// Label key and value syntax with upstream's messages (k8s.io/apimachinery api/validate/content):
/// a key is an optional DNS-subdomain prefix (≤253 bytes) and '/', then a name of ≤63 bytes of
/// <c>[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?</c>; a value is empty or such a name.
/// </summary>
public static partial class LabelValidation
{
    private const string LabelKeyFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelKeyMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFormat = "(" + LabelKeyFormat + ")?";
    private const string LabelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string SubdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const int NameMaxBytes = 63;
    private const int SubdomainMaxBytes = 253;
    private static readonly string LabelKeyError = RegexError(LabelKeyMessage, LabelKeyFormat, "MyName", "my.name", "123-abc");
    private static readonly string LabelValueError = RegexError(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345");
    private static readonly string SubdomainError = RegexError(SubdomainMessage, SubdomainFormat, "example.com");

    /// <summary>Upstream's IsLabelKey: the problems with <paramref name="key"/>, none when valid.</summary>
    public static List<string> KeyErrors(string key)
    {
        var errors = new List<string>();
        var parts = key.Split('/');
        if (parts.Length > 2)
        {
            errors.Add("a valid label key " + LabelKeyError
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }

        if (parts.Length == 2)
        {
            var prefix = parts[0];
            if (prefix.Length == 0)
            {
                errors.Add("prefix part must be non-empty");
            }
            else
            {
                errors.AddRange(SubdomainErrors(prefix).Select(e => "prefix part " + e));
            }
        }

        var name = parts[^1];
        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }

        errors.AddRange(LengthAndFormatErrors(name, NameMaxBytes, LabelKeyRegex(), LabelKeyError).Select(e => "name part " + e));
        return errors;
    }

    /// <summary>Upstream's IsLabelValue: the problems with <paramref name="value"/>, none when valid.</summary>
    public static List<string> ValueErrors(string value) => LengthAndFormatErrors(value, NameMaxBytes, LabelValueRegex(), LabelValueError);

    private static List<string> SubdomainErrors(string value) => LengthAndFormatErrors(value, SubdomainMaxBytes, SubdomainRegex(), SubdomainError);

    /// <summary>Longer than <paramref name="maxBytes"/> in UTF-8, then not matching <paramref name="format"/>: upstream's checks in its order.</summary>
    private static List<string> LengthAndFormatErrors(string value, int maxBytes, Regex format, string formatError)
    {
        List<string> errors = Encoding.UTF8.GetByteCount(value) > maxBytes ? [MaxLengthError(maxBytes)] : [];
        if (!format.IsMatch(value))
        {
            errors.Add(formatError);
        }

        return errors;
    }

    private static string MaxLengthError(int length) => $"must be no more than {length} bytes";

    /// <summary>Upstream's RegexError, spacing quirks included ("'MyName',  or 'my.name'").</summary>
    private static string RegexError(string message, string format, params string[] examples)
    {
        var text = new StringBuilder(message).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            text.Append(i > 0 ? " or " : "").Append('\'').Append(examples[i]).Append("', ");
        }

        return text.Append("regex used for validation is '").Append(format).Append("')").ToString();
    }

    // \z, not $: Go's $ does not match before a trailing newline, .NET's does.
    [GeneratedRegex(@"\A" + LabelKeyFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelKeyRegex();

    [GeneratedRegex(@"\A" + LabelValueFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValueRegex();

    [GeneratedRegex(@"\A" + SubdomainFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainRegex();
}
