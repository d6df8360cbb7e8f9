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

    /// <summary>Starts `orchestrator ARGS`; returns once it printed its start line.</summary>
    public static async Task<ComponentProcess> StartAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"));
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
