namespace Orchestrator.Host.Commands.Definition;

/// <summary>
/// How an option is declared: its name (without dashes), the placeholder shown in help, a description and, where the
/// values are finite, the values offered by completion. Path options offer none, so a shell completes file names.
/// Typed options convert and check their text as the command line is parsed: a bad value is a usage error (exit 2)
/// naming the option, before the command starts anything.
/// </summary>
internal static class OptionSpec
{
    /// <summary><c>--name VALUE</c> or <c>--name=VALUE</c>: free text (the values, if any, are completion's suggestions).</summary>
    public static Option<string> Value(string name, string helpName, string description, params string[] values)
    {
        var option = new Option<string>("--" + name) { HelpName = helpName, Description = description };
        if (values.Length > 0)
        {
            option.CompletionSources.Add(values);
        }

        return option;
    }

    /// <summary>
    /// <c>--name VALUE</c> converted by <paramref name="parse"/> as the command line is parsed; a
    /// <see cref="UsageException"/> from it is the parse error. Given twice, the last value counts.
    /// </summary>
    public static Option<T> Parsed<T>(string name, string helpName, string description, Func<string, T> parse, params string[] values)
    {
        var option = new Option<T>("--" + name)
        {
            HelpName = helpName,
            Description = description,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result =>
            {
                try
                {
                    return parse(result.Tokens[^1].Value);
                }
                catch (UsageException e)
                {
                    result.AddError(e.Message);
                    return default!;
                }
            },
        };
        if (values.Length > 0)
        {
            option.CompletionSources.Add(values);
        }

        return option;
    }

    /// <summary>One of <paramref name="values"/> (completion offers them); any other is a usage error listing them.</summary>
    public static Option<string> Choice(string name, string helpName, string description, params string[] values) =>
        Parsed(name, helpName, description, text => values.Contains(text, StringComparer.Ordinal) ? text : throw new UsageException($"--{name} must be {Listing(values)}, not \"{text}\""), values);

    /// <summary>
    /// <c>--name true|false</c> (or <c>--name=false</c>); the value is required. Read it with
    /// <see cref="ParsedOptions.Boolean"/>: a bool-typed option would leave a value other than true or false as a stray argument.
    /// </summary>
    public static Option<string> Boolean(string name, string description) => Choice(name, "true|false", description, "true", "false");

    /// <summary>A bare flag: <c>--name</c> alone means true, <c>--name=false</c> false.</summary>
    public static Option<bool> Bare(string name, string description) => new("--" + name) { Description = description };

    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public static Option<int?> Number(string name, string helpName, string description, int min = 0) =>
        Parsed<int?>(name, helpName, description, text => WholeNumber(name, text, min));

    /// <summary>A TCP port: a whole number of at least <paramref name="min"/> and at most 65535.</summary>
    public static Option<int?> Port(string name, string description, int min = 0) =>
        Parsed<int?>(name, "PORT", description, text => WholeNumber(name, text, min) is var port and <= 65535
            ? port
            : throw new UsageException($"--{name} must be a TCP port number, not {text}"));

    /// <summary>A Go-style duration (40s, 1m30s, 500ms, 2h); <paramref name="positive"/>: longer than 0s.</summary>
    public static Option<TimeSpan?> Duration(string name, string description, bool positive = false) =>
        Parsed<TimeSpan?>(name, "DURATION", description, text => Durations.Parse(name, text) is var duration && (!positive || duration > TimeSpan.Zero)
            ? duration
            : throw new UsageException($"--{name} must be longer than 0s"));

    /// <summary>A number such as 0.1.</summary>
    public static Option<double?> Ratio(string name, string helpName, string description, string error) =>
        Parsed<double?>(name, helpName, description, text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"--{name} must be {error}, not \"{text}\""));

    /// <summary>An IP address.</summary>
    public static Option<IPAddress?> Address(string name, string description) =>
        Parsed<IPAddress?>(name, "IP", description, text => IPAddress.TryParse(text, out var address)
            ? address
            : throw new UsageException($"--{name} must be an IP address, not \"{text}\""));

    /// <summary>An https:// URL.</summary>
    public static Option<Uri?> HttpsUrl(string name, string description) =>
        Parsed<Uri?>(name, "https://HOST:PORT", description, text => Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            ? url
            : throw new UsageException($"--{name} must be an https:// URL, not \"{text}\""));

    /// <summary>A file or directory (completion falls back to the shell's file names).</summary>
    public static Option<string> Path(string name, string helpName, string description) => Value(name, helpName, description);

    private static int WholeNumber(string name, string text, int min) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new UsageException($"--{name} must be a whole number ≥ {min}, not \"{text}\"");

    /// <summary>"a, b or c".</summary>
    private static string Listing(string[] values) =>
        values.Length == 1 ? values[0] : $"{string.Join(", ", values[..^1])} or {values[^1]}";
}
