using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Orchestrator.Host.Commands;

/// <summary>
/// Parses the command line against <see cref="CommandLineDefinition"/> and runs the command it names; help, completion
/// and usage errors (exit 2, the command's help after the message) come from the same definition.
/// </summary>
internal static class CommandRouter
{
    /// <summary>No response files (an argument may start with @) and no bundling of short options.</summary>
    internal static readonly ParserConfiguration Parser = new() { ResponseFileTokenReplacer = null };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = CommandLineDefinition.Create(result => RunCommandAsync(result, output, error));
        var parsed = root.Parse(args, Parser);
        try
        {
            if (parsed.Action is ParseErrorAction)
            {
                throw new UsageException(ErrorMessage(parsed));
            }

            return await parsed.InvokeAsync(Invocation(output, error));
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}\n");
            await WriteHelpAsync(root, CommandPath(parsed), error);
            return 2;
        }
        catch (InvalidOperationException) when (parsed.Tokens.Any(t => t.Type == TokenType.Directive))
        {
            // System.CommandLine's completion can fail on a half-typed option value: no suggestion, so the shell offers file names.
            return 0;
        }
        catch (Exception e) when (e is Orchestrator.Store.StoreException or ArgumentException or Pki.PkiException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunCommandAsync(ParseResult parsed, TextWriter output, TextWriter error)
    {
        var path = CommandPath(parsed);
        if (path.Count == 0)
        {
            return await WriteHelpAsync(parsed.RootCommandResult.Command, [], output);
        }

        return path[0] switch
        {
            "up" => await UpCommand.RunAsync(parsed, output),
            "apiserver" => await ApiServerCommand.RunAsync(parsed, output),
            "controller-manager" => await ControllerManagerCommand.RunAsync(parsed, output),
            "kubelet" => await KubeletCommand.RunAsync(parsed, output),
            "scheduler" => await SchedulerCommand.RunAsync(parsed, output),
            "proxy" => await ProxyCommand.RunAsync(parsed, output),
            "join" => await JoinCommand.RunAsync(parsed, output),
            "help" => await HelpAsync(parsed, output),
            "completion" => await CompletionAsync(parsed.GetValue<string>("shell"), output),
            _ => throw new UsageException($"unknown command \"{path[0]}\""),
        };
    }

    /// <summary>`orchestrator help [COMMAND [SUBCOMMAND]]`: the same text as `orchestrator COMMAND --help`.</summary>
    private static async Task<int> HelpAsync(ParseResult parsed, TextWriter output)
    {
        var words = parsed.GetValue<string[]>("command") ?? [];
        var root = parsed.RootCommandResult.Command;
        var target = root.Parse([.. words, "--help"], Parser);
        if (target.UnmatchedTokens.Count > 0 || target.Errors.Count > 0)
        {
            throw new UsageException(words.Length == 0 ? ErrorMessage(target) : $"unknown command \"{string.Join(' ', words)}\"");
        }

        return await WriteHelpAsync(root, words, output);
    }

    private static async Task<int> CompletionAsync(string? shell, TextWriter output)
    {
        if (shell != BashCompletion.Shell)
        {
            throw new UsageException($"completion knows {BashCompletion.Shell} only, not \"{shell}\"");
        }

        await output.WriteAsync(BashCompletion.Script);
        return 0;
    }

    private static async Task<int> WriteHelpAsync(Command root, IReadOnlyList<string> path, TextWriter output)
    {
        await root.Parse([.. path, "--help"], Parser).InvokeAsync(Invocation(output, output));
        return 0;
    }

    /// <summary>The command names below the root, e.g. [token, create].</summary>
    private static List<string> CommandPath(ParseResult parsed) =>
        [.. parsed.CommandPath().Skip(1).Select(c => c.Command.Name)];

    /// <summary>As the hand-written reader said it: an unknown option, an option without its value, an unexpected argument.</summary>
    private static string ErrorMessage(ParseResult parsed)
    {
        var unknownOption = parsed.UnmatchedTokens.Where(t => t.StartsWith('-')).Select(t => $"{CommandSpec.UnknownOption} {t.Split('=')[0]}")
            .Concat(parsed.Errors.Select(e => e.Message).Where(m => m.StartsWith(CommandSpec.UnknownOption, StringComparison.Ordinal)))
            .FirstOrDefault();
        if (unknownOption is not null)
        {
            return unknownOption;
        }

        if (parsed.UnmatchedTokens.Count > 0)
        {
            var token = parsed.UnmatchedTokens[0];
            return parsed.CommandResult.Command is RootCommand ? $"unknown command \"{token}\"" : $"unexpected argument \"{token}\"";
        }

        return parsed.Errors.Select(e => e.SymbolResult).OfType<OptionResult>().FirstOrDefault(o => o.Tokens.Count == 0) is { } empty
            ? $"option {empty.Option.Name} needs a value"
            : parsed.Errors[0].Message;
    }

    /// <summary>Exceptions reach the caller (exit codes above); signals stay with the commands' own shutdown tokens.</summary>
    private static InvocationConfiguration Invocation(TextWriter output, TextWriter error) =>
        new() { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
}
