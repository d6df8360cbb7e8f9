using k8s.Models;
using Orchestrator.ControllerManager.Controllers.RootCaPublisher;

namespace Orchestrator.ControllerManager.Tests.Controllers.RootCaPublisher;

public sealed class RootCaPublisherPlannerTests
{
    private const string Bundle = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    [Theory]
    [InlineData("Active", false, null, "Create")]
    [InlineData("Active", false, Bundle, "None")]
    [InlineData("Active", false, "stale", "Update")]
    [InlineData("Terminating", false, null, "None")]
    [InlineData("Active", true, null, "None")]
    public void Plan_creates_or_repairs_the_ConfigMap_of_an_active_namespace(string phase, bool deleting, string? existingData, string expected)
    {
        var ns = new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = "ns", DeletionTimestamp = deleting ? DateTime.UtcNow : null },
            Status = new V1NamespaceStatus { Phase = phase },
        };
        var existing = existingData is null ? null : RootCaPublisherPlanner.Desired("ns", null, existingData);

        Assert.Equal(expected, RootCaPublisherPlanner.Plan(ns, existing, Bundle).ToString());
    }

    [Fact]
    public void An_extra_key_or_a_missing_description_is_repaired()
    {
        var ns = new V1Namespace { Metadata = new V1ObjectMeta { Name = "ns" } };
        var extra = RootCaPublisherPlanner.Desired("ns", null, Bundle);
        extra.Data["other"] = "x";
        var undescribed = RootCaPublisherPlanner.Desired("ns", null, Bundle);
        undescribed.Metadata.Annotations.Clear();

        Assert.Equal(RootCaAction.Update, RootCaPublisherPlanner.Plan(ns, extra, Bundle));
        Assert.Equal(RootCaAction.Update, RootCaPublisherPlanner.Plan(ns, undescribed, Bundle));
        Assert.Equal(RootCaAction.None, RootCaPublisherPlanner.Plan(null, null, Bundle));
    }

    [Fact]
    public void Desired_keeps_the_existing_metadata_for_the_update()
    {
        var existing = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kube-root-ca.crt", NamespaceProperty = "ns", ResourceVersion = "42", Labels = new Dictionary<string, string> { ["a"] = "b" } } };

        var desired = RootCaPublisherPlanner.Desired("ns", existing, Bundle);

        Assert.Equal("42", desired.Metadata.ResourceVersion);
        Assert.Equal("b", desired.Metadata.Labels["a"]);
        Assert.Equal(RootCaPublisherPlanner.Description, desired.Metadata.Annotations[RootCaPublisherPlanner.DescriptionAnnotation]);
        Assert.Equal(Bundle, desired.Data["ca.crt"]);
    }
}
