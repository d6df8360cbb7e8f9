namespace Orchestrator.Kubelet.Processes;

/// <summary>Looks at and signals host processes by PID through /proc and kill(1); never by name.</summary>
internal static class HostProcess
{
    /// <summary>True when the PID exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The state follows the command name, which is in parentheses and may itself contain spaces.
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] != 'Z' && stat[close + 2] != 'X';
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The process's arguments (argv), empty when it is gone.</summary>
    public static IReadOnlyList<string> CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Every PID in /proc whose argv satisfies <paramref name="match"/>.</summary>
    public static IReadOnlyList<int> Find(Func<IReadOnlyList<string>, bool> match)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId && match(CommandLine(pid)))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, KILL, …); false when the process is already gone.</summary>
    public static async Task<bool> SignalAsync(int pid, string signal, CancellationToken cancellationToken = default)
    {
        var result = await HostCommand.RunAsync("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        return result.Succeeded;
    }

    /// <summary>SIGTERM, then SIGKILL when it is still alive after <paramref name="grace"/>; returns once it is gone.</summary>
    public static async Task TerminateAsync(int pid, TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (!IsAlive(pid))
        {
            return;
        }

        await SignalAsync(pid, "TERM", cancellationToken);
        if (await WaitForExitAsync(pid, grace, cancellationToken))
        {
            return;
        }

        await SignalAsync(pid, "KILL", cancellationToken);
        if (!await WaitForExitAsync(pid, TimeSpan.FromSeconds(10), cancellationToken))
        {
            throw new InvalidOperationException($"process {pid} survived SIGKILL for 10 s");
        }
    }

    /// <summary>Polls until the PID is gone or <paramref name="timeout"/> passes; true when gone.</summary>
    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(20, cancellationToken);
        }

        return true;
    }
}
