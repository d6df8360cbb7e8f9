using k8s.Models;
using Orchestrator.ControllerManager.Controllers.ServiceAccount;

namespace Orchestrator.ControllerManager.Tests.Controllers.ServiceAccount;

public sealed class ServiceAccountPlannerTests
{
    [Theory]
    [InlineData("Active", false, "", "default")]
    [InlineData(null, false, "builder", "default")]
    [InlineData("Active", false, "default", "")]
    [InlineData("Active", false, "default,builder", "")]
    [InlineData("Terminating", false, "", "")]
    [InlineData("Active", true, "", "")]
    public void Missing_lists_the_required_accounts_an_active_namespace_lacks(string? phase, bool deleting, string existing, string expected)
    {
        var ns = new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = "ns", DeletionTimestamp = deleting ? DateTime.UtcNow : null },
            Status = new V1NamespaceStatus { Phase = phase },
        };

        var missing = ServiceAccountPlanner.Missing(ns, existing.Split(',', StringSplitOptions.RemoveEmptyEntries), ServiceAccountPlanner.Required);

        Assert.Equal(expected, string.Join(',', missing));
    }

    [Fact]
    public void Missing_is_empty_for_a_namespace_that_is_gone()
    {
        Assert.Empty(ServiceAccountPlanner.Missing(null, [], ServiceAccountPlanner.Required));
    }
}
