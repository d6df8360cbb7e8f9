using System.Text.RegularExpressions;
using Orchestrator.Client.Processes;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Operations;

/// <summary>
/// The first five minutes on `up --hollow-nodes 1`: progress lines in order and the next-steps block; `status` (output
/// and exit code); `explain pod` on a pod no node's labels match, on a pod whose claim does not exist, and on no pod.
/// </summary>
public sealed partial class UpExperienceTests : IAsyncLifetime
{
    private OrchestratorProcess _server = null!;

    public async Task InitializeAsync() => _server = await OrchestratorProcess.StartAsync(null, null, "--hollow-nodes", "1");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Up_PrintsEachStepInOrder_ThenWhatToDoNext()
    {
        var output = await Eventually.MatchesAsync(() => Task.FromResult(_server.Output), o => o.Contains("Join another machine", StringComparison.Ordinal), "up's next steps", TimeSpan.FromSeconds(10));
        var steps = Step().Matches(output).Select(m => m.Groups[2].Value).ToList();
        string[] expected = ["PKI created in", "store opened: sqlite://", "API server serving at https://", "controller manager and scheduler started", "hollow node(s) registered: hollow-node-0", "cluster ready"];
        Assert.Equal(expected.Length, steps.Count);
        Assert.All(expected.Zip(steps), p => Assert.StartsWith(p.First, p.Second, StringComparison.Ordinal));
        var seconds = Step().Matches(output).Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(seconds.Order(), seconds);
        Assert.Contains($"  export KUBECONFIG={_server.Kubeconfig}\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  kubectl get nodes", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  \./orchestrator join --server https://\S+ --token [a-z0-9]{6}\.[a-z0-9]{16} --discovery-token-ca-cert-hash sha256:[0-9a-f]{64}", output.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_SummarizesAHealthyCluster_AndFailsWhenTheApiIsGone()
    {
        // The leader Leases appear once the scheduler and controller manager have won their elections.
        var status = await Eventually.MatchesAsync(() => Orchestrator("status", "--kubeconfig", _server.Kubeconfig), r => r.ExitCode == 0, "status to report a healthy cluster", TimeSpan.FromSeconds(20));
        Assert.Contains("API:      ready", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("scheduler: healthy (leader ", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("controller manager: healthy (leader ", status.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"  hollow-node-0\s+Ready\s+", status.StandardOutput);
        Assert.EndsWith("Healthy.\n", status.StandardOutput.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        var elsewhere = Path.Combine(_server.DataDirectory, "unreachable.kubeconfig");
        await File.WriteAllTextAsync(elsewhere, (await File.ReadAllTextAsync(_server.Kubeconfig)).Replace(_server.Address.GetLeftPart(UriPartial.Authority), "https://127.0.0.1:1", StringComparison.Ordinal));
        var down = await Orchestrator("status", "--kubeconfig", elsewhere);
        Assert.True(down.ExitCode == 1, down.ToString());
        Assert.Contains("error: the API server at https://127.0.0.1:1 is unreachable", down.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_NamesTheLabelNoNodeHas_TheMissingClaim_AndAPodThatIsNotThere()
    {
        using var kubectl = new Kubectl("1.33", _server.Kubeconfig);
        var created = await kubectl.RunWithInputAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: picky}
            spec:
              nodeSelector: {disktype: ssd}
              containers: [{name: app, image: registry.example/app:1}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: claimless}
            spec:
              containers: [{name: app, image: registry.example/app:1}]
              volumes: [{name: data, persistentVolumeClaim: {claimName: gone}}]
            """, "apply", "-f", "-");
        Assert.True(created.ExitCode == 0, created.ToString());

        var picky = await Eventually.MatchesAsync(() => Orchestrator("explain", "pod", "picky", "-n", "default", "--kubeconfig", _server.Kubeconfig),
            r => r.StandardOutput.Contains("scheduler (", StringComparison.Ordinal), "explain to quote the scheduler on picky", TimeSpan.FromSeconds(15));
        Assert.True(picky.ExitCode == 0, picky.ToString());
        Assert.Contains("error: Not scheduled: no node can take this pod", picky.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("nodeSelector disktype=ssd: no node has this label", picky.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("didn't match Pod's node affinity/selector", picky.StandardOutput, StringComparison.Ordinal);

        var claimless = await Orchestrator("explain", "pod", "claimless", "--kubeconfig", _server.Kubeconfig);
        Assert.Contains("Volume data: PersistentVolumeClaim gone does not exist in namespace default", claimless.StandardOutput, StringComparison.Ordinal);

        var missing = await Orchestrator("explain", "pod", "nobody", "--kubeconfig", _server.Kubeconfig);
        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Contains("pod \"nobody\" not found in namespace \"default\"", missing.StandardError, StringComparison.Ordinal);
    }

    private static Task<HostCommandResult> Orchestrator(params string[] args) =>
        HostCommand.RunAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), .. args]);

    [GeneratedRegex(@"^orchestrator up: \[(\d+\.\d\d)s\] (.*)$", RegexOptions.Multiline)]
    private static partial Regex Step();
}
