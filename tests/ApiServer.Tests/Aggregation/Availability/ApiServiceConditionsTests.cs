using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Aggregation.Availability;

namespace Orchestrator.ApiServer.Tests.Aggregation.Availability;

/// <summary>SetAPIServiceCondition on JSON: replace or append Available, keep lastTransitionTime unless the status flips, no write when nothing changes.</summary>
public sealed class ApiServiceConditionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 17, 0, 0, TimeSpan.Zero);
    private static readonly AvailabilityCondition Failed = new("False", "FailedDiscoveryCheck", "boom");

    [Fact]
    public void A_first_condition_is_appended_with_the_transition_time()
    {
        var status = ApiServiceConditions.WithAvailable(null, AvailabilityCondition.Passed, Now);

        Assert.Equal("""{"conditions":[{"type":"Available","lastTransitionTime":"2026-12-06T17:00:00Z","status":"True","reason":"Passed","message":"all checks passed"}]}""", status!.ToJsonString());
    }

    [Fact]
    public void The_same_condition_again_is_no_change()
    {
        var status = ApiServiceConditions.WithAvailable(null, Failed, Now);

        Assert.Null(ApiServiceConditions.WithAvailable(status, Failed, Now.AddMinutes(1)));
    }

    [Fact]
    public void A_new_message_with_the_same_status_keeps_the_transition_time()
    {
        var status = ApiServiceConditions.WithAvailable(null, Failed, Now);

        var updated = ApiServiceConditions.WithAvailable(status, Failed with { Message = "other" }, Now.AddMinutes(1))!;

        var condition = updated["conditions"]![0]!;
        Assert.Equal("other", condition["message"]!.GetValue<string>());
        Assert.Equal("2026-12-06T17:00:00Z", condition["lastTransitionTime"]!.GetValue<string>());
    }

    [Fact]
    public void A_status_flip_moves_the_transition_time_and_keeps_other_conditions()
    {
        var status = JsonNode.Parse("""{"conditions":[{"type":"Other","status":"True"},{"type":"Available","status":"True","lastTransitionTime":"2026-01-01T00:00:00Z","reason":"Passed","message":"all checks passed"}]}""")!.AsObject();

        var updated = ApiServiceConditions.WithAvailable(status, Failed, Now)!;

        Assert.Equal("""{"conditions":[{"type":"Other","status":"True"},{"type":"Available","status":"False","lastTransitionTime":"2026-12-06T17:00:00Z","reason":"FailedDiscoveryCheck","message":"boom"}]}""", updated.ToJsonString());
        Assert.Equal("2026-01-01T00:00:00Z", status["conditions"]![1]!["lastTransitionTime"]!.GetValue<string>());
    }
}
