using System.CommandLine;
using Orchestrator.ControllerManager;
using Orchestrator.Host.Commands;
using Orchestrator.Orchestrator.Tests.Commands.Definition;

namespace Orchestrator.Orchestrator.Tests.Commands;

/// <summary>kube-controller-manager's --horizontal-pod-autoscaler-* flags on controller-manager (and up, which shares them).</summary>
public sealed class HorizontalPodAutoscalerOptionsTests
{
    private static ParseResult After(string verb, params string[] options) => ParsedCommandLine.Parse([verb, .. options]);

    [Fact]
    public void Without_flags_the_defaults_are_upstreams()
    {
        var hpa = ControllerManagerCommand.Options(After("controller-manager")).HorizontalPodAutoscaler;

        Assert.Equal(
            (TimeSpan.FromSeconds(15), 0.1, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5)),
            (hpa.SyncPeriod, hpa.Tolerance, hpa.CpuInitializationPeriod, hpa.InitialReadinessDelay, hpa.DownscaleStabilization));
    }

    [Fact]
    public void Each_flag_sets_its_option()
    {
        var hpa = ControllerManagerCommand.Options(After(
            "controller-manager",
            "--horizontal-pod-autoscaler-sync-period", "2s",
            "--horizontal-pod-autoscaler-tolerance", "0.05",
            "--horizontal-pod-autoscaler-cpu-initialization-period", "1m",
            "--horizontal-pod-autoscaler-initial-readiness-delay", "10s",
            "--horizontal-pod-autoscaler-downscale-stabilization", "1m30s")).HorizontalPodAutoscaler;

        Assert.Equal(
            (TimeSpan.FromSeconds(2), 0.05, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(90)),
            (hpa.SyncPeriod, hpa.Tolerance, hpa.CpuInitializationPeriod, hpa.InitialReadinessDelay, hpa.DownscaleStabilization));
    }

    [Theory]
    [InlineData("--horizontal-pod-autoscaler-tolerance", "a lot", "--horizontal-pod-autoscaler-tolerance must be a number")]
    [InlineData("--horizontal-pod-autoscaler-tolerance", "-1", "--horizontal-pod-autoscaler-tolerance must be a number of at least 0")]
    [InlineData("--horizontal-pod-autoscaler-sync-period", "0s", "--horizontal-pod-autoscaler-sync-period must be positive")]
    [InlineData("--horizontal-pod-autoscaler-sync-period", "soon", "--horizontal-pod-autoscaler-sync-period must be a duration")]
    public void A_bad_value_is_a_usage_error_naming_the_flag(string flag, string value, string message)
    {
        var error = ParsedCommandLine.UsageError(ControllerManagerCommand.Options, "controller-manager", flag, value);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_controller_is_known_by_its_upstream_name()
    {
        Assert.Contains("horizontalpodautoscaling", ControllerManagerHost.ControllerNames);
        Assert.False(ControllerManagerCommand.Options(After("controller-manager", "--controllers", "*,-horizontalpodautoscaling")).Enabled("horizontalpodautoscaling"));
    }
}
