using System.ComponentModel;
using System.Diagnostics;

namespace Orchestrator.Client.Processes;

/// <summary>Runs host tools (ctr, ip, umount, nft, iptables-restore) with arguments passed verbatim (no shell) and captures their output.</summary>
public static class HostCommand
{
    /// <summary>Runs <paramref name="file"/> to completion; a missing binary throws with the name in the message.</summary>
    public static Task<HostCommandResult> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        RunAsync(file, arguments, standardInput: null, cancellationToken);

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="standardInput"/> written to its stdin (e.g. a ruleset for
    /// <c>nft -f -</c> or <c>iptables-restore</c>), to completion.
    /// </summary>
    public static async Task<HostCommandResult> RunAsync(string file, IEnumerable<string> arguments, string? standardInput, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException($"cannot run '{file}': {error.Message} (is it installed?)", error);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null)
        {
            try
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            }
            catch (IOException)
            {
                // The tool exited before reading all of its input; its exit code and stderr say why.
            }
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new HostCommandResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Like <see cref="RunAsync"/> but throws with the command line and stderr when the exit code is not 0.</summary>
    public static async Task<string> RunCheckedAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(file, arguments, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"'{file} {string.Join(' ', arguments)}' exited with {result.ExitCode}: {result.StandardError.Trim()} {result.StandardOutput.Trim()}".TrimEnd());
        }

        return result.StandardOutput;
    }
}
