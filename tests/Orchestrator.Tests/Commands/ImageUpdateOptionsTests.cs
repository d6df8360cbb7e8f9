using System.CommandLine;
using Orchestrator.ControllerManager;
using Orchestrator.Host.Commands;
using Orchestrator.Orchestrator.Tests.Commands.Definition;

namespace Orchestrator.Orchestrator.Tests.Commands;

/// <summary>The image-update controller's --image-update-* flags on controller-manager (and up, which shares them).</summary>
public sealed class ImageUpdateOptionsTests
{
    private static ParseResult After(string verb, params string[] options) => ParsedCommandLine.Parse([verb, .. options]);

    [Fact]
    public void Without_flags_it_checks_every_five_minutes_with_three_second_requests()
    {
        var options = ControllerManagerCommand.Options(After("controller-manager")).ImageUpdate;

        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(3), TimeSpan.FromHours(1)), (options.Interval, options.RequestTimeout, options.MaxBackoff));
    }

    [Fact]
    public void Each_flag_sets_its_option_and_a_long_interval_raises_the_backoff_cap()
    {
        var shortInterval = ControllerManagerCommand.Options(After("controller-manager", "--image-update-interval", "1s", "--image-update-request-timeout", "500ms")).ImageUpdate;
        var longInterval = ControllerManagerCommand.Options(After("controller-manager", "--image-update-interval", "2h")).ImageUpdate;

        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1)), (shortInterval.Interval, shortInterval.RequestTimeout, shortInterval.MaxBackoff));
        Assert.Equal(TimeSpan.FromHours(2), longInterval.MaxBackoff);
    }

    [Theory]
    [InlineData("--image-update-interval", "0s", "--image-update-interval must be positive")]
    [InlineData("--image-update-request-timeout", "0s", "--image-update-request-timeout must be positive")]
    [InlineData("--image-update-interval", "often", "--image-update-interval must be a duration")]
    public void A_bad_value_is_a_usage_error_naming_the_flag(string flag, string value, string message)
    {
        var error = ParsedCommandLine.UsageError(ControllerManagerCommand.Options, "controller-manager", flag, value);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_controller_is_listed_and_can_be_turned_off()
    {
        Assert.Contains("image-update", ControllerManagerHost.ControllerNames);
        Assert.False(ControllerManagerCommand.Options(After("controller-manager", "--controllers", "*,-image-update")).Enabled("image-update"));
    }
}
