using System.Diagnostics;
using Orchestrator.Host.Commands.Definition;

namespace Orchestrator.Orchestrator.Tests.Commands.Definition;

/// <summary>
/// `orchestrator completion bash` loaded into a real bash, its function driven as bash drives it (COMP_WORDS,
/// COMP_CWORD, COMP_LINE, COMP_POINT), answering through the real binary's [suggest] directive.
/// </summary>
public sealed class BashCompletionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-completion-").FullName;

    public BashCompletionTests()
    {
        // `orchestrator` on PATH, as an installed binary would be.
        var launcher = Path.Combine(_directory, "orchestrator");
        File.WriteAllText(launcher, $"#!/bin/sh\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "orchestrator.dll")}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_script_registers_the_function_for_orchestrator()
    {
        Assert.Equal("complete -o default -F _orchestrator_complete orchestrator", (await BashAsync("complete -p orchestrator")).Trim());
    }

    [Theory]
    [InlineData("orchestrator ", "apiserver completion controller-manager explain help images join kubelet proxy scheduler status store token up")]
    [InlineData("orchestrator to", "token")]
    [InlineData("orchestrator token ", "--kubeconfig create delete list")]
    [InlineData("orchestrator proxy --mo", "--mode")]
    [InlineData("orchestrator proxy --mode ", "hns iptables nftables")]
    [InlineData("orchestrator kubelet --runtime c", "containerd")]
    [InlineData("orchestrator up --pod-network ", "host-gw none")]
    [InlineData("orchestrator up --data-dir ", "")]
    public async Task Completes_commands_options_and_values(string line, string expected)
    {
        // Help switches (-h, -?, /h) are left out of the comparison.
        var words = (await BashAsync(CompleteLine(line))).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("/?" or "/h" or "-?" or "-h" or "--help" or "--version"));

        Assert.Equal(expected, string.Join(' ', words.Order(StringComparer.Ordinal)));
    }

    private static string CompleteLine(string line) => $$"""
        COMP_LINE='{{line}}'
        COMP_POINT=${#COMP_LINE}
        read -ra COMP_WORDS <<< "$COMP_LINE"
        [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        _orchestrator_complete
        echo "${COMPREPLY[*]}"
        """;

    private async Task<string> BashAsync(string commands)
    {
        var script = Path.Combine(_directory, "test.sh");
        await File.WriteAllTextAsync(script, BashCompletion.Script + commands + "\n");
        var start = new ProcessStartInfo("bash", ["--norc", "--noprofile", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = _directory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var error = bash.StandardError.ReadToEndAsync();
        try
        {
            await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!bash.HasExited)
            {
                bash.Kill(entireProcessTree: true);
            }
        }

        Assert.True(bash.ExitCode == 0, await error);
        return await output;
    }
}
