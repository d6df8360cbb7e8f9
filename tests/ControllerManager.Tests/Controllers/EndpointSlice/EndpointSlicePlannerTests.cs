using k8s.Models;
using Orchestrator.ControllerManager.Controllers.EndpointSlice;
using static Orchestrator.ControllerManager.Tests.Controllers.Endpoints.ServiceFixtures;

namespace Orchestrator.ControllerManager.Tests.Controllers.EndpointSlice;

public sealed class EndpointSlicePlannerTests
{
    // One pod; expected conditions "ready serving terminating".
    [Theory]
    [InlineData(true, "running", false, "True True False")]
    [InlineData(false, "running", false, "False False False")]
    [InlineData(true, "terminating", false, "False True True")]
    [InlineData(false, "terminating", true, "True False True")]
    [InlineData(false, "running", true, "True False False")]
    public void Endpoint_conditions_follow_readiness_and_termination(bool ready, string state, bool publishNotReady, string expected)
    {
        var slices = EndpointSlicePlanner.Desired(Service(publishNotReady: publishNotReady), [Pod("a", "10.0.0.1", ready, state)]);

        var endpoint = Assert.Single(Assert.Single(slices).Endpoints);
        Assert.Equal(expected, $"{endpoint.Conditions.Ready} {endpoint.Conditions.Serving} {endpoint.Conditions.Terminating}");
        Assert.Equal(("10.0.0.1", "node-1", "a"), (endpoint.Addresses.Single(), endpoint.NodeName, endpoint.TargetRef.Name));
    }

    [Theory]
    [InlineData(1, 100, 1)]
    [InlineData(100, 100, 1)]
    [InlineData(101, 100, 2)]
    [InlineData(250, 100, 3)]
    [InlineData(5, 2, 3)]
    public void Slices_hold_at_most_the_maximum_endpoints(int pods, int max, int expectedSlices)
    {
        var list = Enumerable.Range(0, pods).Select(i => Pod($"p{i}", $"10.0.{i / 250}.{(i % 250) + 1}", true));

        var slices = EndpointSlicePlanner.Desired(Service(), list, max);

        Assert.Equal(expectedSlices, slices.Count);
        Assert.Equal(pods, slices.Sum(s => s.Endpoints.Count));
        Assert.All(slices, s => Assert.Equal(8080, Assert.Single(s.Ports).Port));
    }

    [Fact]
    public void IPv6_pods_are_not_in_IPv4_slices()
    {
        Assert.Empty(EndpointSlicePlanner.Desired(Service(), [Pod("a", "fd00::1", true)]));
    }

    // existing: slices holding pod lists ("a,b;c" = two slices); desired likewise; expected "create/update/delete" counts.
    [Theory]
    [InlineData("", "a", "1/0/0")]
    [InlineData("a", "a", "0/0/0")]
    [InlineData("a", "a,b", "0/1/0")]
    [InlineData("a;b", "a", "0/0/1")]
    [InlineData("a", "", "0/0/1")]
    [InlineData("x", "a;b", "1/1/0")]
    public void Reconcile_keeps_right_slices_reuses_others_and_creates_or_deletes_the_rest(string existing, string desired, string expected)
    {
        var service = Service();
        var existingSlices = Groups(existing).Select((pods, i) =>
        {
            var content = EndpointSlicePlanner.Desired(service, pods).Single();
            return new V1EndpointSlice { Metadata = new V1ObjectMeta { Name = $"web-{i}" }, Endpoints = content.Endpoints, Ports = content.Ports };
        }).ToList();
        var desiredSlices = Groups(desired).Select(pods => EndpointSlicePlanner.Desired(service, pods).Single()).ToList();

        var changes = EndpointSlicePlanner.Reconcile(existingSlices, desiredSlices);

        Assert.Equal(expected, $"{changes.Create.Count}/{changes.Update.Count}/{changes.Delete.Count}");
    }

    private static IEnumerable<V1Pod[]> Groups(string spec) =>
        spec.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(g => g.Split(',').Select(n => Pod(n, "10.0.0." + (n[0] - 'a' + 1), true)).ToArray());
}
