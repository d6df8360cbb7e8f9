using System.CommandLine;
using System.CommandLine.Parsing;

namespace Orchestrator.Host.Commands.Definition;

/// <summary>
/// Hands a parse the definition accepted to a command that still reads <see cref="Arguments"/>: the subcommand names
/// below the top-level command and the positional values in order, every option given as <c>--name=value</c> (a bare
/// flag as <c>--name=true</c>). Options not given stay absent, so each command's own defaults apply as before.
/// </summary>
internal static class ParsedArguments
{
    public static Arguments From(ParseResult result)
    {
        var words = new List<string>();
        var path = Path(result.CommandResult);
        for (var i = 1; i < path.Count; i++)
        {
            if (i > 1)
            {
                words.Add(path[i].Command.Name);
            }

            foreach (var child in path[i].Children)
            {
                switch (child)
                {
                    case ArgumentResult argument:
                        words.AddRange(argument.Tokens.Select(t => t.Value));
                        break;
                    case OptionResult { Implicit: false } option:
                        words.Add($"{option.Option.Name}={(option.Tokens.Count > 0 ? option.Tokens[^1].Value : "true")}");
                        break;
                }
            }
        }

        return new Arguments(words);
    }

    /// <summary>The commands from the root down to the one parsed.</summary>
    public static IReadOnlyList<CommandResult> Path(CommandResult command)
    {
        var path = new List<CommandResult>();
        for (SymbolResult? symbol = command; symbol is not null; symbol = symbol.Parent)
        {
            if (symbol is CommandResult c)
            {
                path.Insert(0, c);
            }
        }

        return path;
    }
}
