using k8s.Models;
using Orchestrator.Kubelet.Probes;
using static Orchestrator.Kubelet.Tests.Probes.ProbeHarness;

namespace Orchestrator.Kubelet.Tests.Probes;

public sealed class ProbeManagerTests
{
    [Fact]
    public async Task Without_probes_a_running_container_is_started_and_ready()
    {
        await using var h = new ProbeHarness();
        var pod = Pod(Container("app"));
        h.Manager.Sync(pod, "10.0.0.2", [h.Running("app", "c1")]);
        h.Advance(60);
        Assert.Equal(new ProbeStatus(true, true, false), h.Get("app", "c1"));
        Assert.Empty(h.Exec.Calls);
        Assert.Empty(h.Changes);
    }

    [Fact]
    public async Task An_unknown_pod_reports_nothing_ready_and_an_unsynced_container_reports_its_initial_state()
    {
        await using var h = new ProbeHarness();
        Assert.Equal(new ProbeStatus(false, false, false), h.Get("app", "c1"));
        var pod = Pod(Container("plain"), Container("ready", readiness: ExecProbe("true")), Container("slow", startup: ExecProbe("true")));
        h.Manager.Sync(pod, "10.0.0.2", []);
        Assert.Equal(new ProbeStatus(true, true, false), h.Get("plain", "x"));
        Assert.Equal(new ProbeStatus(false, true, false), h.Get("ready", "x"));
        Assert.Equal(new ProbeStatus(false, false, false), h.Get("slow", "x"));
    }

    [Fact]
    public async Task Readiness_is_false_until_the_first_success_then_true()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("cat /ready", 0, "ok");
        h.Manager.Sync(Pod(Container("app", readiness: ExecProbe("cat /ready", delay: 1))), "10.0.0.2", [h.Running("app", "c1")]);
        Assert.Equal(new ProbeStatus(false, true, false), h.Get("app", "c1"));
        Assert.Empty(h.Exec.Calls); // the first tick (at once) falls inside the initial delay

        h.Advance(10);
        Assert.Equal(new ProbeStatus(true, true, false), h.Get("app", "c1"));
        Assert.Equal([PodUid], h.Changes);
        var call = Assert.Single(h.Exec.Calls);
        Assert.Equal(("c1", TimeSpan.FromSeconds(1)), (call.ContainerId, call.Timeout));
    }

    [Fact]
    public async Task Readiness_drops_only_after_failureThreshold_consecutive_failures_and_each_failure_is_an_event()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("check", 0);
        h.Manager.Sync(Pod(Container("app", readiness: ExecProbe("check", period: 5, failure: 3))), "10.0.0.2", [h.Running("app", "c1")]);
        h.Advance(0);
        Assert.True(h.Get("app", "c1").Ready);

        h.Exec.Answer("check", 1, "not yet");
        h.Advance(5);
        h.Advance(5);
        Assert.True(h.Get("app", "c1").Ready);
        h.Advance(5);
        Assert.Equal(new ProbeStatus(false, true, false), h.Get("app", "c1"));
        Assert.Equal(3, h.Events.Count("Readiness probe failed: not yet"));
        Assert.All(h.Events.Events, e => Assert.Equal(("web", "Warning", "Unhealthy"), (e.Name, e.Type, e.Reason)));
        Assert.Equal(2, h.Changes.Count);

        // Readiness keeps probing and comes back after one success.
        h.Exec.Answer("check", 0);
        h.Advance(5);
        Assert.True(h.Get("app", "c1").Ready);
    }

    [Fact]
    public async Task A_failure_run_interrupted_by_a_success_starts_over()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("check", 0);
        h.Manager.Sync(Pod(Container("app", liveness: ExecProbe("check", period: 1, failure: 2))), "10.0.0.2", [h.Running("app", "c1")]);
        h.Advance(0);
        foreach (var exit in new[] { 1, 0, 1, 0, 1 })
        {
            h.Exec.Answer("check", exit);
            h.Advance(1);
        }

        Assert.False(h.Get("app", "c1").LivenessFailed);
        h.Exec.Answer("check", 1);
        h.Advance(1);
        Assert.True(h.Get("app", "c1").LivenessFailed);
    }

    [Fact]
    public async Task SuccessThreshold_needs_that_many_successes_in_a_row()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("check", 0);
        h.Manager.Sync(Pod(Container("app", readiness: ExecProbe("check", period: 2, success: 3))), "10.0.0.2", [h.Running("app", "c1")]);
        h.Advance(0);
        h.Advance(2);
        Assert.False(h.Get("app", "c1").Ready);
        h.Advance(2);
        Assert.True(h.Get("app", "c1").Ready);
    }

    [Fact]
    public async Task InitialDelay_counts_from_the_container_start_and_skips_earlier_ticks()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("check", 0);
        var started = h.Running("app", "c1");
        h.Advance(3); // the kubelet notices the container a little after it started
        h.Manager.Sync(Pod(Container("app", readiness: ExecProbe("check", period: 10, delay: 15))), "10.0.0.2", [started]);
        h.Advance(0);
        h.Advance(10);
        Assert.Equal(0, h.Exec.CallsOf("check"));
        Assert.False(h.Get("app", "c1").Ready);
        h.Advance(10); // 23 s after the start
        Assert.Equal(1, h.Exec.CallsOf("check"));
        Assert.True(h.Get("app", "c1").Ready);
    }

    [Fact]
    public async Task Liveness_failure_marks_the_container_for_restart_and_stops_its_worker()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("alive", 1, "dead");
        h.Manager.Sync(Pod(Container("app", liveness: ExecProbe("alive", period: 1, failure: 3))), "10.0.0.2", [h.Running("app", "c1")]);
        h.Advance(0);
        h.Advance(1);
        Assert.Equal(new ProbeStatus(true, true, false), h.Get("app", "c1"));
        h.Advance(1);
        Assert.Equal(new ProbeStatus(true, true, true), h.Get("app", "c1"));
        Assert.Equal([PodUid], h.Changes);
        Assert.Equal(3, h.Events.Count("Liveness probe failed: dead"));

        h.Advance(10);
        Assert.Equal(3, h.Exec.CallsOf("alive"));
        Assert.True(h.Get("app", "c1").LivenessFailed);
    }

    [Fact]
    public async Task A_replaced_container_gets_fresh_workers_and_the_old_ones_stop()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("alive", 1, "dead");
        var pod = Pod(Container("app", liveness: ExecProbe("alive", period: 1, failure: 1)));
        h.Manager.Sync(pod, "10.0.0.2", [h.Running("app", "c1")]);
        h.Advance(0);
        Assert.True(h.Get("app", "c1").LivenessFailed);

        h.Exec.Answer("alive", 0);
        h.Manager.Sync(pod, "10.0.0.2", [h.Running("app", "c2")]);
        h.Manager.Sync(pod, "10.0.0.2", [h.Running("app", "c2")]); // idempotent: no second worker
        h.Advance(0);
        h.Advance(1);
        Assert.Equal(new ProbeStatus(true, true, false), h.Get("app", "c2"));
        Assert.Equal(2, h.Exec.Calls.Count(c => c.ContainerId == "c2"));
        Assert.Single(h.Exec.Calls, c => c.ContainerId == "c1");

        // c1's results went with it: asking for it now gives the initial state.
        Assert.False(h.Get("app", "c1").LivenessFailed);
    }

    [Fact]
    public async Task The_startup_probe_gates_liveness_and_readiness_then_stops()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("started", 1, "booting");
        h.Exec.Answer("alive", 0);
        h.Exec.Answer("ready", 0);
        var container = Container("app", liveness: ExecProbe("alive", period: 5), readiness: ExecProbe("ready", period: 5), startup: ExecProbe("started", period: 2, failure: 30));
        h.Manager.Sync(Pod(container), "10.0.0.2", [h.Running("app", "c1")]);
        h.Advance(0);
        h.Advance(10);
        Assert.Equal(new ProbeStatus(false, false, false), h.Get("app", "c1"));
        Assert.Equal(0, h.Exec.CallsOf("alive") + h.Exec.CallsOf("ready"));
        Assert.Equal(6, h.Events.Count("Startup probe failed: booting")); // ticks at 0, 2, ..., 10

        h.Exec.Answer("started", 0);
        h.Advance(2);
        Assert.Equal(new ProbeStatus(false, true, false), h.Get("app", "c1"));
        var startupCalls = h.Exec.CallsOf("started");

        h.Advance(5);
        Assert.Equal(new ProbeStatus(true, true, false), h.Get("app", "c1"));
        Assert.True(h.Exec.CallsOf("alive") >= 1);
        h.Advance(20);
        Assert.Equal(startupCalls, h.Exec.CallsOf("started"));
        Assert.Equal(2, h.Changes.Count);
    }

    [Fact]
    public async Task A_startup_probe_that_never_succeeds_marks_the_container_for_restart()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("started", 1, "no");
        h.Manager.Sync(Pod(Container("app", startup: ExecProbe("started", period: 1, failure: 3))), "10.0.0.2", [h.Running("app", "c1")]);
        h.Advance(0);
        h.Advance(1);
        h.Advance(1);
        Assert.Equal(new ProbeStatus(false, false, true), h.Get("app", "c1"));
        Assert.Equal(3, h.Events.Count("Startup probe failed: no"));
    }

    [Fact]
    public async Task An_exec_timeout_is_a_failure_and_a_runtime_error_leaves_the_result_alone()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("check", 0);
        h.Manager.Sync(Pod(Container("app", readiness: ExecProbe("check", period: 1, failure: 1, timeout: 4))), "10.0.0.2", [h.Running("app", "c1")]);
        h.Advance(0);
        Assert.True(h.Get("app", "c1").Ready);
        Assert.Equal(TimeSpan.FromSeconds(4), h.Exec.Calls.Single().Timeout);

        h.Exec.Throw("check", new InvalidOperationException("runtime is down"));
        h.Advance(1);
        Assert.True(h.Get("app", "c1").Ready);
        Assert.Equal(1, h.Events.Count("Readiness probe errored: runtime is down"));

        h.Exec.Throw("check", new TimeoutException());
        h.Advance(1);
        Assert.False(h.Get("app", "c1").Ready);
        Assert.Equal(1, h.Events.Count("Readiness probe failed: command \"check\" timed out"));
    }

    [Fact]
    public async Task Remove_stops_every_worker_of_the_pod()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("check", 0);
        h.Manager.Sync(Pod(Container("a", readiness: ExecProbe("check", period: 1)), Container("b", liveness: ExecProbe("check", period: 1))), "10.0.0.2",
            [h.Running("a", "c1"), h.Running("b", "c2")]);
        h.Advance(0);
        var calls = h.Exec.Calls.Count;
        Assert.Equal(2, calls);
        h.Manager.Remove(PodUid);
        h.Advance(10);
        Assert.Equal(calls, h.Exec.Calls.Count);
        Assert.Equal(new ProbeStatus(false, false, false), h.Get("a", "c1"));
    }

    [Fact]
    public async Task A_container_dropped_from_the_running_list_stops_being_probed()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("check", 0);
        var pod = Pod(Container("a", readiness: ExecProbe("check", period: 1)));
        h.Manager.Sync(pod, "10.0.0.2", [h.Running("a", "c1")]);
        h.Advance(0);
        h.Manager.Sync(pod, "10.0.0.2", []);
        h.Advance(5);
        Assert.Equal(1, h.Exec.CallsOf("check"));
    }

    [Fact]
    public async Task A_named_port_that_does_not_exist_is_a_probe_error_event()
    {
        await using var h = new ProbeHarness();
        var probe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = "metrics" }, PeriodSeconds = 1 };
        h.Manager.Sync(Pod(Container("app", readiness: probe)), "10.0.0.2", [h.Running("app", "c1")]);
        h.Advance(0);
        Assert.Equal(1, h.Events.Count("Readiness probe errored: couldn't find port: metrics in container app"));
        Assert.False(h.Get("app", "c1").Ready);
    }

    [Fact]
    public async Task A_terminating_pod_stops_liveness_and_startup_probes_but_keeps_readiness()
    {
        await using var h = new ProbeHarness();
        h.Exec.Answer("alive", 1, "dead");
        h.Exec.Answer("ready", 0);
        var pod = Pod(Container("app", liveness: ExecProbe("alive", period: 1, failure: 2), readiness: ExecProbe("ready", period: 1)));
        h.Manager.Sync(pod, "10.0.0.2", [h.Running("app", "c1")]);
        h.Advance(0);
        pod.Metadata.DeletionTimestamp = h.Time.GetUtcNow().UtcDateTime;
        h.Manager.Sync(pod, "10.0.0.2", [h.Running("app", "c1")]);
        h.Advance(5);
        Assert.Equal(new ProbeStatus(true, true, false), h.Get("app", "c1"));
        Assert.Equal(1, h.Exec.CallsOf("alive"));
        Assert.Equal(6, h.Exec.CallsOf("ready"));
    }
}
