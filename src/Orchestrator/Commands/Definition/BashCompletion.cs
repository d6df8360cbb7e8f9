namespace Orchestrator.Host.Commands.Definition;

/// <summary>
/// `orchestrator completion bash`: a completion function that asks the binary itself through System.CommandLine's
/// <c>[suggest:POSITION]</c> directive (no dotnet-suggest needed). With no suggestion (a path option) bash completes
/// file names (<c>complete -o default</c>).
/// </summary>
internal static class BashCompletion
{
    public const string Shell = "bash";

    public const string Script = """
        # bash completion for orchestrator; load it with: source <(orchestrator completion bash)
        _orchestrator_complete()
        {
            local cur="${COMP_WORDS[COMP_CWORD]}"
            local line="${COMP_LINE:0:COMP_POINT}"
            local IFS=$'\n'
            COMPREPLY=( $(compgen -W "$("${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null)" -- "$cur") )
        }
        complete -o default -F _orchestrator_complete orchestrator

        """;
}
