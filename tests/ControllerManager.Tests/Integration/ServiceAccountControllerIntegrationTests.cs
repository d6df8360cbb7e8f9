using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.ServiceAccount;

namespace Orchestrator.ControllerManager.Tests.Integration;

public sealed class ServiceAccountControllerIntegrationTests
{
    [Fact]
    public async Task Every_namespace_gets_a_default_service_account_again_after_deletion()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new ServiceAccountController(c)]);
        var client = harness.Client;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-a" } });

        await harness.EventuallyAsync(async () => !await ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedServiceAccountAsync("default", "team-a")), "team-a has a default service account");
        await harness.EventuallyAsync(async () => !await ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedServiceAccountAsync("default", "kube-system")), "kube-system has one too");

        await client.CoreV1.DeleteNamespacedServiceAccountAsync("default", "team-a");

        await harness.EventuallyAsync(async () => !await ControllerHarness.GoneAsync(() => client.CoreV1.ReadNamespacedServiceAccountAsync("default", "team-a")), "it is recreated");
    }
}
