using Orchestrator.ApiServer.Metrics.Prometheus;

namespace Orchestrator.ApiServer.Tests.Metrics.Prometheus;

public sealed class RequestSeriesTests
{
    [Fact]
    public void Observe_CountsAndTimesEachLabelSetAndCodeInItsOwnSeries()
    {
        // A resource no other test uses: the families live in the process's default registry.
        var labels = new RequestLabels("POST", "", "", "v1", "requestseriestests", "", "namespace", LongRunning: false, ReadOnly: false);
        var created = ApiServerMetrics.Requests.WithLabels("POST", "", "", "v1", "requestseriestests", "", "namespace", "apiserver", "201");
        var conflict = ApiServerMetrics.Requests.WithLabels("POST", "", "", "v1", "requestseriestests", "", "namespace", "apiserver", "409");
        var duration = ApiServerMetrics.RequestDuration.WithLabels("POST", "", "", "v1", "requestseriestests", "", "namespace", "apiserver");
        var (createdBefore, conflictBefore, observedBefore) = (created.Value, conflict.Value, duration.Count);

        RequestSeries.Observe(labels, 201, 0.01);
        RequestSeries.Observe(labels with { }, 201, 0.02);
        RequestSeries.Observe(labels, 409, 0.03);

        Assert.Equal(2d, created.Value - createdBefore);
        Assert.Equal(1d, conflict.Value - conflictBefore);
        Assert.Equal(3L, duration.Count - observedBefore);
    }
}
