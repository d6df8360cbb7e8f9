using Orchestrator.Scheduler.Framework;
using Orchestrator.Scheduler.Metrics;

namespace Orchestrator.Scheduler.Tests.Metrics;

public sealed class SchedulingResultTests
{
    [Theory]
    [InlineData(StatusCode.Unschedulable, "unschedulable")]
    [InlineData(StatusCode.UnschedulableAndUnresolvable, "unschedulable")]
    [InlineData(StatusCode.Pending, "unschedulable")]
    [InlineData(StatusCode.Error, "error")]
    public void A_plugin_status_is_unschedulable_when_it_rejects_the_pod_and_an_error_otherwise(StatusCode code, string expected)
    {
        Assert.Equal(expected, SchedulingResult.Of(StatusOf(code)));
    }

    [Fact]
    public void No_nodes_at_all_is_unschedulable()
    {
        Assert.Equal("unschedulable", SchedulingResult.Of(new ScheduleResult(null, 0, 0, FailureMessage.NoNodesAvailable, null)));
    }

    [Fact]
    public void A_failure_after_feasible_nodes_were_found_is_an_error()
    {
        Assert.Equal("error", SchedulingResult.Of(new ScheduleResult(null, 3, 2, "running PreScore plugin: boom", null)));
    }

    [Theory]
    [InlineData(StatusCode.Unschedulable, StatusCode.UnschedulableAndUnresolvable, "unschedulable")]
    [InlineData(StatusCode.Unschedulable, StatusCode.Error, "error")]
    public void Nodes_rejected_by_filters_are_unschedulable_unless_a_filter_failed(StatusCode first, StatusCode second, string expected)
    {
        var diagnosis = new Diagnosis();
        diagnosis.NodeToStatus["n1"] = StatusOf(first);
        diagnosis.NodeToStatus["n2"] = StatusOf(second);

        Assert.Equal(expected, SchedulingResult.Of(new ScheduleResult(null, 2, 0, "0/2 nodes are available", diagnosis)));
    }

    [Theory]
    [InlineData(StatusCode.Pending, "unschedulable")]
    [InlineData(StatusCode.Error, "error")]
    public void A_prefilter_rejection_is_labelled_by_its_status(StatusCode code, string expected)
    {
        var diagnosis = new Diagnosis { PreFilterStatus = StatusOf(code) };

        Assert.Equal(expected, SchedulingResult.Of(new ScheduleResult(null, 2, 0, "pending", diagnosis)));
    }

    private static Status StatusOf(StatusCode code) => code switch
    {
        StatusCode.Unschedulable => Status.Unschedulable("does not fit"),
        StatusCode.UnschedulableAndUnresolvable => Status.Unresolvable("never fits"),
        StatusCode.Pending => Status.Pending("waiting"),
        StatusCode.Error => Status.Error("boom"),
        _ => Status.Success,
    };
}
