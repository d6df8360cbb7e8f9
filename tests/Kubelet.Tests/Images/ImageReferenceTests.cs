using Orchestrator.Kubelet.Images;

namespace Orchestrator.Kubelet.Tests.Images;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "busybox:latest")]
    [InlineData("busybox:1.35", "busybox:1.35")]
    [InlineData("localhost/busybox:1.35", "localhost/busybox:1.35")]
    [InlineData("127.0.0.1:5000/busybox", "127.0.0.1:5000/busybox:latest")]
    [InlineData("127.0.0.1:5000/library/busybox:1.35", "127.0.0.1:5000/library/busybox:1.35")]
    [InlineData("busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("Busybox", null)]
    [InlineData("busy box", null)]
    [InlineData("", null)]
    [InlineData("busybox:", null)]
    [InlineData(null, null)]
    public void Applies_the_default_tag_keeping_short_names(string? image, string? expected) => Assert.Equal(expected, ImageReference.ApplyDefaultTag(image));

    [Theory]
    [InlineData("busybox", "Always")]
    [InlineData("busybox:latest", "Always")]
    [InlineData("127.0.0.1:5000/busybox", "Always")]
    [InlineData("busybox:1.35", "IfNotPresent")]
    [InlineData("127.0.0.1:5000/busybox:1.35", "IfNotPresent")]
    [InlineData("busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    public void Default_pull_policy_is_always_only_for_latest(string image, string policy) => Assert.Equal(policy, ImageReference.DefaultPullPolicy(image));

    [Theory]
    [InlineData("Never", true, false)]
    [InlineData("Never", false, false)]
    [InlineData("Always", true, true)]
    [InlineData("Always", false, true)]
    [InlineData("IfNotPresent", true, false)]
    [InlineData("IfNotPresent", false, true)]
    public void Should_pull_by_policy(string policy, bool present, bool pull) => Assert.Equal(pull, ImageManager.ShouldPull(policy, present));

    [Fact]
    public void An_unknown_policy_fails_loudly() => Assert.Throws<ArgumentException>(() => ImageManager.ShouldPull("Sometimes", true));
}
