using System.Diagnostics;

namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>Runs a kubectl binary (kubectl.1.27 … kubectl.1.33 beside the one on PATH) against a server, with an empty cache.</summary>
internal static class Kubectl
{
    /// <summary>The directory holding the versioned kubectl binaries, or null when there is none.</summary>
    public static string? Directory { get; } = Find();

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string version, string server, params string[] arguments) =>
        RunWithInputAsync(version, server, stdin: null, arguments);

    public static async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string version, string server, string? stdin, params string[] arguments)
    {
        var home = Path.Combine(Path.GetTempPath(), "openapi-kubectl-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(home);
        try
        {
            var kubeconfig = Path.Combine(home, "config");
            await File.WriteAllTextAsync(kubeconfig, $"""
                apiVersion: v1
                kind: Config
                clusters: [{"{"}name: test, cluster: {"{"}server: "{server}"{"}"}{"}"}]
                contexts: [{"{"}name: test, context: {"{"}cluster: test, user: test{"}"}{"}"}]
                users: [{"{"}name: test, user: {"{"}{"}"}{"}"}]
                current-context: test
                """);
            var start = new ProcessStartInfo(Path.Combine(Directory ?? throw new InvalidOperationException("kubectl.1.27 … kubectl.1.33 must be installed beside the kubectl on PATH (Google Cloud CLI package)"), $"kubectl.{version}"))
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["HOME"] = home, ["KUBECONFIG"] = kubeconfig },
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add("--cache-dir=" + Path.Combine(home, "cache"));
            using var process = Process.Start(start)!;
            await process.StandardInput.WriteAsync(stdin ?? "");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            System.IO.Directory.Delete(home, recursive: true);
        }
    }

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var kubectl = Path.Combine(directory, "kubectl");
            if (File.Exists(kubectl))
            {
                var real = new FileInfo(kubectl).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? kubectl;
                var home = Path.GetDirectoryName(real)!;
                return File.Exists(Path.Combine(home, "kubectl.1.33")) ? home : null;
            }
        }

        return null;
    }
}
