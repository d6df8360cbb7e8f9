using System.CommandLine;

namespace Orchestrator.Host.Commands.Definition;

/// <summary>
/// How an option is declared: its name (without dashes), the placeholder shown in help, a description and, where the
/// values are finite, the values offered by completion. Path options offer none, so a shell completes file names.
/// </summary>
internal static class OptionSpec
{
    /// <summary><c>--name VALUE</c> or <c>--name=VALUE</c>; the command checks and converts the text.</summary>
    public static Option<string> Value(string name, string helpName, string description, params string[] values)
    {
        var option = new Option<string>("--" + name) { HelpName = helpName, Description = description };
        if (values.Length > 0)
        {
            option.CompletionSources.Add(values);
        }

        return option;
    }

    /// <summary><c>--name true|false</c> (or <c>--name=false</c>); the value is required, as before.</summary>
    public static Option<string> Boolean(string name, string description) => Value(name, "true|false", description, "true", "false");

    /// <summary>A bare flag: <c>--name</c> alone means true, <c>--name=false</c> false.</summary>
    public static Option<bool> Bare(string name, string description) => new("--" + name) { Description = description };

    /// <summary>A Go-style duration (40s, 1m30s, 500ms, 2h), checked as the command line is parsed.</summary>
    public static Option<TimeSpan?> Duration(string name, string description) => new("--" + name)
    {
        HelpName = "DURATION",
        Description = description,
        CustomParser = result =>
        {
            try
            {
                return Durations.Parse(name, result.Tokens[^1].Value);
            }
            catch (UsageException e)
            {
                result.AddError(e.Message);
                return null;
            }
        },
    };

    /// <summary>A file or directory (completion falls back to the shell's file names).</summary>
    public static Option<string> Path(string name, string helpName, string description) => Value(name, helpName, description);
}
