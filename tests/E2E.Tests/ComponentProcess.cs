using System.Diagnostics;
using System.Text;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// A separately started component of the real host CLI (`orchestrator scheduler|controller-manager|kubelet ...`),
/// as an operator runs one per machine; stopped by killing it.
/// </summary>
public sealed class ComponentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ComponentProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The operating-system process id (with a wrapper that execs, such as <c>nsenter --net=…</c>, the orchestrator's own).</summary>
    public int Pid => _process.Id;

    /// <summary>Starts `orchestrator ARGS`; returns once it printed its start line.</summary>
    public static Task<ComponentProcess> StartAsync(params string[] args) => StartWrappedAsync([], args);

    /// <summary>
    /// Starts `WRAPPER… dotnet orchestrator.dll ARGS` (e.g. <c>nsenter --net=/run/netns/NODE</c>, which execs the
    /// rest, so the process is still the orchestrator); returns once it printed its start line.
    /// </summary>
    public static async Task<ComponentProcess> StartWrappedAsync(IReadOnlyList<string> wrapper, params string[] args)
    {
        string[] command = [.. wrapper, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(AppContext.BaseDirectory, "orchestrator.dll")];
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var part in command.Skip(1))
        {
            start.ArgumentList.Add(part);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("orchestrator did not start");
        var component = new ComponentProcess(process);
        var started = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => component.Record(e.Data, started);
        process.ErrorDataReceived += (_, e) => component.Record(e.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(started.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60))) != started.Task)
        {
            await component.DisposeAsync();
            throw new InvalidOperationException($"orchestrator {string.Join(' ', args)} did not start:\n{component.Output}");
        }

        return component;
    }

    /// <summary>
    /// Ctrl-C (SIGINT: the CLI's shutdown token, so the component stops its parts and cleans up), then kill -9 when it
    /// has not exited within <paramref name="grace"/>; true when it exited on its own.
    /// </summary>
    public async Task<bool> InterruptAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return true;
        }

        await Orchestrator.Client.Processes.HostCommand.RunAsync("kill", ["-INT", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return false;
        }
    }

    /// <summary>kill -9.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Record(string? line, TaskCompletionSource? started)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("orchestrator ", StringComparison.Ordinal))
        {
            started?.TrySetResult();
        }
    }
}
