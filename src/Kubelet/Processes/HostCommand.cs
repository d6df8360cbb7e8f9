using System.ComponentModel;
using System.Diagnostics;

namespace Orchestrator.Kubelet.Processes;

/// <summary>Runs host tools (ctr, ip, umount) with arguments passed verbatim (no shell) and captures their output.</summary>
internal static class HostCommand
{
    /// <summary>Runs <paramref name="file"/> to completion; a missing binary throws with the name in the message.</summary>
    public static async Task<HostCommandResult> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
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

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
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
