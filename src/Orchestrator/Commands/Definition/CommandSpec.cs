namespace Orchestrator.Host.Commands.Definition;

internal static class CommandSpec
{
    /// <summary>Adds the options in order, skipping a name the command already has (two groups may share one).</summary>
    public static Command With(this Command command, params Option[][] groups)
    {
        foreach (var option in groups.SelectMany(g => g))
        {
            if (command.Options.All(o => o.Name != option.Name))
            {
                command.Options.Add(option);
            }
        }

        return command;
    }

    public static Command WithArguments(this Command command, params Argument[] arguments)
    {
        foreach (var argument in arguments)
        {
            command.Arguments.Add(argument);
        }

        return command;
    }

    public static Command WithSubcommands(this Command command, params Command[] subcommands)
    {
        foreach (var subcommand in subcommands)
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }

    public static Argument<string> Required(string name, string description, params string[] values)
    {
        var argument = NoOptions(new Argument<string>(name) { Description = description });
        if (values.Length > 0)
        {
            argument.CompletionSources.Add(values);
        }

        return argument;
    }

    public static Argument<string?> Optional(string name, string description) =>
        NoOptions(new Argument<string?>(name) { Description = description, Arity = ArgumentArity.ZeroOrOne });

    public static Argument<string[]> Words(string name, string description) =>
        NoOptions(new Argument<string[]>(name) { Description = description, Arity = ArgumentArity.ZeroOrMore });

    /// <summary>
    /// System.CommandLine would take a misspelt <c>--option</c> as a positional value; as before, any <c>--word</c> is an
    /// option, so one the command does not know is an error (a value such as <c>-1</c> stays a value).
    /// </summary>
    public static T NoOptions<T>(T argument)
        where T : Argument
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.Length > 2 && t.Value.StartsWith("--", StringComparison.Ordinal)))
            {
                result.AddError($"{UnknownOption} {token.Value.Split('=')[0]}");
            }
        });
        return argument;
    }

    public const string UnknownOption = "unknown option";
}
