using Orchestrator.Host.Up;

namespace Orchestrator.Orchestrator.Tests.Up;

/// <summary>`up`'s progress lines and next-steps block: plain text scripts can read.</summary>
public sealed class UpOutputTests
{
    private const string Join = "./orchestrator join --server https://10.0.0.5:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void A_progress_line_has_the_elapsed_seconds()
    {
        Assert.Equal("orchestrator up: [1.25s] API server serving at https://127.0.0.1:6443/", UpProgress.Line(TimeSpan.FromMilliseconds(1249.6), "API server serving at https://127.0.0.1:6443/"));
    }

    [Fact]
    public async Task Steps_are_written_as_they_happen()
    {
        using var output = new StringWriter();
        var elapsed = TimeSpan.Zero;
        var progress = new UpProgress(output, () => elapsed += TimeSpan.FromMilliseconds(500));
        await progress.StepAsync("store opened: sqlite:///x");
        await progress.StepAsync("cluster ready");
        Assert.Equal("orchestrator up: [0.50s] store opened: sqlite:///x\norchestrator up: [1.00s] cluster ready\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task With_the_trace_on_each_step_says_what_it_cost_the_process()
    {
        using var output = new StringWriter();
        var progress = new UpProgress(output, () => TimeSpan.FromSeconds(2), UpProgress.ProcessCosts);
        await progress.StepAsync("cluster ready");
        Assert.Matches(@"^orchestrator up: \[2\.00s\] cluster ready \(cpu \d+\.\d\ds, jit \d+ methods \d+\.\d\ds, heap \d+ MiB, \d+ threads\)$", output.ToString().TrimEnd());
    }

    [Fact]
    public async Task Trace_lines_appear_only_with_the_trace_on()
    {
        using var quiet = new StringWriter();
        await new UpProgress(quiet, () => TimeSpan.FromSeconds(3)).TraceAsync("start-up garbage released");
        using var traced = new StringWriter();
        await new UpProgress(traced, () => TimeSpan.FromSeconds(3), UpProgress.ProcessCosts).TraceAsync("start-up garbage released");

        Assert.Empty(quiet.ToString());
        Assert.Equal("orchestrator up: [3.00s] start-up garbage released", traced.ToString().TrimEnd());
    }

    [Fact]
    public void Startup_garbage_is_collected_and_the_pause_reported()
    {
        var collections = GC.CollectionCount(GC.MaxGeneration);

        var report = UpMemory.ReleaseStartupGarbage();

        Assert.True(GC.CollectionCount(GC.MaxGeneration) > collections);
        Assert.Matches(@"^start-up garbage released: GC heap \d+ → \d+ MiB, pause \d+ ms$", report);
    }

    [Fact]
    public void Next_steps_export_the_kubeconfig_give_a_first_command_and_the_join_line_once()
    {
        var text = UpNextSteps.Format("/home/me/.orchestrator/kubeconfig", Join + "\n").ReplaceLineEndings("\n");
        Assert.Contains("\n  export KUBECONFIG=/home/me/.orchestrator/kubeconfig\n", text, StringComparison.Ordinal);
        Assert.Contains("\n  kubectl get nodes\n", text, StringComparison.Ordinal);
        Assert.Contains("kubectl create deployment hello --image=localhost/busybox:1.35", text, StringComparison.Ordinal);
        Assert.Contains("./orchestrator token create", text, StringComparison.Ordinal);
        // bench/join.sh and the join fixture read the CA hash from the output: it must appear exactly once.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "--discovery-token-ca-cert-hash"));
        Assert.EndsWith("\n  " + Join + "\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_of_the_join_setup_stay_and_no_join_line_means_no_join_section()
    {
        var text = UpNextSteps.Format("/tmp/my dir/kubeconfig", "orchestrator up: this API server does not serve RBAC\n");
        Assert.StartsWith("orchestrator up: this API server does not serve RBAC", text, StringComparison.Ordinal);
        Assert.Contains("export KUBECONFIG='/tmp/my dir/kubeconfig'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Join another machine", text, StringComparison.Ordinal);
    }
}
