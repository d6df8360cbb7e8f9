using System.CommandLine;
using Orchestrator.Host.Commands;
using Orchestrator.Host.Commands.Definition;

namespace Orchestrator.Orchestrator.Tests.Commands.Definition;

/// <summary>Command lines parsed through the one definition, as `orchestrator` parses them.</summary>
internal static class ParsedCommandLine
{
    /// <summary>The parse of a command line the definition accepts.</summary>
    public static ParseResult Parse(params string[] args)
    {
        var parsed = CommandLineDefinition.Create(_ => Task.FromResult(0)).Parse(args, CommandRouter.Parser);
        Assert.Empty(parsed.Errors);
        return parsed;
    }

    /// <summary>
    /// The usage error of a command line: the parse's first error (a bad value), else the one <paramref name="read"/>
    /// throws (options that do not go together).
    /// </summary>
    public static string UsageError(Func<ParseResult, object?> read, params string[] args)
    {
        var parsed = CommandLineDefinition.Create(_ => Task.FromResult(0)).Parse(args, CommandRouter.Parser);
        return parsed.Errors.Count > 0 ? parsed.Errors[0].Message : Assert.Throws<UsageException>(() => read(parsed)).Message;
    }
}
