using Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

namespace Orchestrator.ControllerManager.Tests.Controllers.HorizontalPodAutoscaler;

public sealed class MetricsWindowTests
{
    [Theory]
    [InlineData("15s", 15_000)]
    [InlineData("1m0s", 60_000)]
    [InlineData("1m30.5s", 90_500)]
    [InlineData("500ms", 500)]
    [InlineData("0", 0)]
    public void Go_durations_of_metric_windows_parse(string text, long milliseconds)
    {
        Assert.True(MetricsWindow.TryParse(text, out var window));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), window);
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("15 s")]
    [InlineData("fast")]
    public void Anything_else_is_refused(string text) => Assert.False(MetricsWindow.TryParse(text, out _));
}
