using System.Diagnostics;
using System.Text;
using Orchestrator.Kubelet.Images.Local;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Network;

/// <summary>
/// A busybox httpd in a namespace of the topology (the lan: a host outside the cluster), serving one file and logging
/// each client's address (<c>-v</c>) to its output; killed by PID on dispose.
/// </summary>
public sealed class LanListener : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;
    private readonly StringBuilder _output = new();

    private LanListener(Process process, string root)
    {
        _process = process;
        _root = root;
    }

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

    /// <summary>Starts <c>nsenter --net=NS busybox httpd -f -v -p PORT</c> serving <c>/index.html</c> = <paramref name="body"/>.</summary>
    public static LanListener Start(NetworkNamespace ns, int port, string body)
    {
        var root = Directory.CreateTempSubdirectory("orc-lan-www-").FullName;
        File.WriteAllText(Path.Combine(root, "index.html"), body);
        var start = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--net=" + ns.Path, LocalImages.BusyboxBinary, "httpd", "-f", "-v", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-h", root })
        {
            start.ArgumentList.Add(argument);
        }

        var listener = new LanListener(Process.Start(start) ?? throw new InvalidOperationException("nsenter did not start"), root);
        listener._process.OutputDataReceived += (_, e) => listener.Record(e.Data);
        listener._process.ErrorDataReceived += (_, e) => listener.Record(e.Data);
        listener._process.BeginOutputReadLine();
        listener._process.BeginErrorReadLine();
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
