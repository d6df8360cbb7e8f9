using System.Diagnostics;

namespace Orchestrator.Testing;

/// <summary>
/// Runs a real kubectl binary of one minor version (kubectl.1.27 … kubectl.1.33, shipped beside
/// the `kubectl` dispatcher on PATH) with its own HOME, so no discovery cache leaks between runs.
/// </summary>
public sealed class Kubectl(string version, string kubeconfig) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory($"kubectl-{version}-home-").FullName;

    public string Version { get; } = version;

    /// <summary>The directory that holds kubectl.1.NN, found through the `kubectl` on PATH.</summary>
    public static string BinaryDirectory { get; } = FindBinaryDirectory();

    public async Task<KubectlResult> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<KubectlResult> RunWithInputAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(BinaryDirectory, $"kubectl.{Version}"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = _home;
        start.Environment["KUBECONFIG"] = kubeconfig;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var limit = ProcessLimit(args);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in {limit.TotalSeconds:0} s");
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// How long one kubectl may run: 60 s, or its own <c>--timeout</c> plus 30 s when it names a longer one
    /// (<c>rollout status --timeout=90s</c> must fail by itself, not be killed by the harness first).
    /// </summary>
    public static TimeSpan ProcessLimit(IEnumerable<string> args)
    {
        var limit = TimeSpan.FromSeconds(60);
        string? previous = null;
        foreach (var arg in args)
        {
            // Both spellings kubectl accepts: --timeout=120s and --timeout 120s.
            var value = arg.StartsWith("--timeout=", StringComparison.Ordinal) || arg.StartsWith("--request-timeout=", StringComparison.Ordinal)
                ? arg[(arg.IndexOf('=') + 1)..]
                : previous is "--timeout" or "--request-timeout" ? arg : null;
            if (value is not null && TryParseSeconds(value, out var seconds) && seconds + 30 > limit.TotalSeconds)
            {
                limit = TimeSpan.FromSeconds(seconds + 30);
            }

            previous = arg;
        }

        return limit;
    }

    private static bool TryParseSeconds(string value, out double seconds)
    {
        seconds = 0;
        var unit = value.Length > 0 ? value[^1] : ' ';
        var multiplier = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        var number = multiplier == 0 ? value : value[..^1];
        if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        seconds = parsed * (multiplier == 0 ? 1 : multiplier);
        return true;
    }

    /// <summary>Starts a long-running kubectl (e.g. <c>get -w</c>) whose output is read line by line as it comes.</summary>
    /// <summary>
    /// Polls <c>kubectl get</c> until each object's condition <paramref name="type"/> is True (what <c>kubectl wait
    /// --for condition=TYPE</c> does; see docs/compatibility.md "Known gaps" for why the tests poll).
    /// </summary>
    public async Task WaitForConditionAsync(string type, TimeSpan timeout, params string[] objects)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var target in objects)
        {
            while (true)
            {
                var status = await RunAsync("get", target, "-o", $"jsonpath={{.status.conditions[?(@.type==\"{type}\")].status}}");
                if (status.ExitCode == 0 && status.Stdout.Trim() == "True")
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{target}: condition {type} not True within {timeout.TotalSeconds:0} s: {status}");
                }

                await Task.Delay(100);
            }
        }
    }

    public StreamingKubectl Start(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(BinaryDirectory, $"kubectl.{Version}"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = _home;
        start.Environment["KUBECONFIG"] = kubeconfig;
        return new StreamingKubectl(Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start"));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    /// <summary>Writes a kubeconfig for a server URL into <paramref name="directory"/> (for servers that write none themselves).</summary>
    public static string WriteKubeconfig(string directory, string server)
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters: [{"{"}name: test, cluster: {"{"}server: "{server}"{"}"}{"}"}]
            contexts: [{"{"}name: test, context: {"{"}cluster: test, user: test{"}"}{"}"}]
            users: [{"{"}name: test, user: {"{"}token: test{"}"}{"}"}]
            current-context: test
            """);
        return path;
    }

    private static string FindBinaryDirectory()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "kubectl");
            if (File.Exists(candidate))
            {
                var resolved = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
                return Path.GetDirectoryName(resolved)!;
            }
        }

        throw new InvalidOperationException("kubectl is not on PATH: the e2e tests need the Google Cloud CLI's kubectl.1.27 … kubectl.1.33");
    }
}
