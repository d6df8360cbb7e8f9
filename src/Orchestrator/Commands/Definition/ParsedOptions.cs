namespace Orchestrator.Host.Commands.Definition;

/// <summary>Reads an option of the parsed command by name, as the definition typed it (see <see cref="OptionSpec"/>).</summary>
internal static class ParsedOptions
{
    /// <summary>
    /// The value of <c>--name</c>, already converted and checked by the parse; null (false for a bare flag) when not
    /// given. <typeparamref name="T"/> is the option's declared type; the command must declare the option.
    /// </summary>
    public static T? Value<T>(this ParseResult result, string name) => result.GetValue<T>("--" + name);

    /// <summary>A <see cref="OptionSpec.Boolean"/> option's value (true or false, checked by the parse); null when not given.</summary>
    public static bool? Boolean(this ParseResult result, string name) => result.Value<string>(name) is { } text ? text == "true" : null;

    /// <summary>
    /// Fails when one of <paramref name="options"/> (declared by the command, unused in this <paramref name="mode"/>) was
    /// given: an option is never silently ignored.
    /// </summary>
    public static void Unused(this ParseResult result, string mode, IEnumerable<Option> options)
    {
        var names = options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        if (result.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>().FirstOrDefault(o => !o.Implicit && names.Contains(o.Option.Name)) is { } given)
        {
            throw new UsageException($"{given.Option.Name} is not used with {mode}");
        }
    }

    /// <summary>As <see cref="Unused(ParseResult, string, IEnumerable{Option})"/>, by name (without dashes).</summary>
    public static void Unused(this ParseResult result, string mode, params string[] names) =>
        Unused(result, mode, result.CommandResult.Command.Options.Where(o => names.Contains(o.Name[2..], StringComparer.Ordinal)));

    /// <summary>The commands from the root down to the one parsed.</summary>
    public static IReadOnlyList<System.CommandLine.Parsing.CommandResult> CommandPath(this ParseResult result)
    {
        var path = new List<System.CommandLine.Parsing.CommandResult>();
        for (System.CommandLine.Parsing.SymbolResult? symbol = result.CommandResult; symbol is not null; symbol = symbol.Parent)
        {
            if (symbol is System.CommandLine.Parsing.CommandResult c)
            {
                path.Insert(0, c);
            }
        }

        return path;
    }
}
