using System.Text.Json.Nodes;
using Orchestrator.ControllerManager.Controllers.ImageUpdate;

namespace Orchestrator.ControllerManager.Tests.Controllers.ImageUpdate;

public sealed class ImageUpdatePlannerTests
{
    private const string Old = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string New = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    [Theory]
    [InlineData("127.0.0.1:5000/app:v1", "127.0.0.1:5000/app:v1")]
    [InlineData("127.0.0.1:5000/app:v1@" + Old, "127.0.0.1:5000/app:v1")]
    [InlineData("busybox", "busybox")]
    [InlineData("app@" + Old, null)]
    [InlineData("Bad/Image", null)]
    public void TagOf_FollowsTagsOnly(string image, string? tag)
    {
        Assert.Equal(tag, ImageUpdatePlanner.TagOf(image, out var reason));
        Assert.Equal(tag is null, reason is not null);
    }

    [Fact]
    public void Compute_PinsAnImageWithoutDigest_UpdatesAMovedOne_AndLeavesTheRest()
    {
        ContainerImage[] containers =
        [
            new("initContainers", 0, "init", "r.example/init:v1"),
            new("containers", 0, "app", $"r.example/app:v1@{Old}"),
            new("containers", 1, "same", $"r.example/same:v1@{New}"),
            new("containers", 2, "unknown", "r.example/unknown:v1"),
            new("containers", 3, "digest-only", $"r.example/pinned@{Old}"),
        ];
        var current = new Dictionary<string, string>
        {
            ["r.example/init:v1"] = New,
            ["r.example/app:v1"] = New,
            ["r.example/same:v1"] = New,
        };

        var plan = ImageUpdatePlanner.Compute(containers, current);

        Assert.Equal(
            [
                new ImageChange(containers[0], $"r.example/init:v1@{New}", null, New),
                new ImageChange(containers[1], $"r.example/app:v1@{New}", Old, New),
            ],
            plan.Changes);
        Assert.Equal("ImagePinned", plan.Changes[0].Reason);
        Assert.Equal($"Pinned container init image r.example/init:v1 to {New}", plan.Changes[0].Message);
        Assert.Equal("ImageUpdated", plan.Changes[1].Reason);
        Assert.Equal($"Updated container app image r.example/app:v1 from {Old} to {New}", plan.Changes[1].Message);
        Assert.Equal([$"container digest-only: image r.example/pinned@{Old} names a digest and no tag: there is nothing to follow"], plan.Unfollowable);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(7, 3600)]
    [InlineData(1000, 3600)]
    public void Backoff_DoublesFromTheInterval_UpToTheCap(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ImageUpdatePlanner.Backoff(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), failures));

    [Fact]
    public void Patch_TestsTheOldImageBeforeReplacingIt()
    {
        var change = new ImageChange(new ContainerImage("containers", 1, "app", "r.example/app:v1"), $"r.example/app:v1@{New}", null, New);

        var patch = JsonNode.Parse(ImageUpdateController.Patch([change]))!.AsArray();

        Assert.Equal(
            $$"""[{"op":"test","path":"/spec/template/spec/containers/1/image","value":"r.example/app:v1"},{"op":"replace","path":"/spec/template/spec/containers/1/image","value":"r.example/app:v1@{{New}}"}]""",
            patch.ToJsonString());
    }
}
