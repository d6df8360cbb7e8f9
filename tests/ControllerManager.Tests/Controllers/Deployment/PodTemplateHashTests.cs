using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Deployment;
using static Orchestrator.ControllerManager.Tests.Controllers.TestObjects;

namespace Orchestrator.ControllerManager.Tests.Controllers.Deployment;

public sealed class PodTemplateHashTests
{
    [Fact]
    public void The_hash_is_stable_and_uses_the_safe_alphabet()
    {
        var first = PodTemplateHash.Compute(NewDeployment(1).Spec.Template, null);
        var second = PodTemplateHash.Compute(NewDeployment(1).Spec.Template, null);

        Assert.Equal(first, second);
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$", first);
    }

    [Fact]
    public void Label_order_does_not_change_the_hash()
    {
        var a = NewDeployment(1).Spec.Template;
        a.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" };
        var b = NewDeployment(1).Spec.Template;
        b.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "front", ["app"] = "web" };

        Assert.Equal(PodTemplateHash.Compute(a, null), PodTemplateHash.Compute(b, null));
    }

    [Theory]
    [InlineData("nginx:2", null)]
    [InlineData("nginx:1", 1)]
    public void Template_changes_and_collision_counts_change_the_hash(string image, int? collisionCount)
    {
        var baseline = PodTemplateHash.Compute(NewDeployment(1).Spec.Template, null);

        Assert.NotEqual(baseline, PodTemplateHash.Compute(NewDeployment(1, image: image).Spec.Template, collisionCount));
    }

    [Fact]
    public void Safe_encoding_maps_digits_onto_the_alphabet()
    {
        Assert.Equal("456789bcdf", PodTemplateHash.SafeEncode("0123456789"));
    }

    [Fact]
    public void Equality_ignores_only_the_hash_label()
    {
        var template = NewDeployment(1).Spec.Template;
        var withHash = NewDeployment(1).Spec.Template;
        withHash.Metadata.Labels["pod-template-hash"] = "abc";
        var otherLabel = NewDeployment(1).Spec.Template;
        otherLabel.Metadata.Labels["tier"] = "x";
        var emptyLists = NewDeployment(1).Spec.Template;
        emptyLists.Spec.Volumes = new List<V1Volume>();

        Assert.True(PodTemplateHash.EqualIgnoreHash(template, withHash));
        Assert.True(PodTemplateHash.EqualIgnoreHash(template, emptyLists));
        Assert.False(PodTemplateHash.EqualIgnoreHash(template, otherLabel));
    }
}
