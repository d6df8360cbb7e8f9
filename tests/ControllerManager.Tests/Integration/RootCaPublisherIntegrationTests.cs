using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.RootCaPublisher;

namespace Orchestrator.ControllerManager.Tests.Integration;

public sealed class RootCaPublisherIntegrationTests
{
    private const string Bundle = "-----BEGIN CERTIFICATE-----\nMIIBroot\n-----END CERTIFICATE-----\n";

    [Fact]
    public async Task Every_namespace_gets_kube_root_ca_crt_and_a_tampered_one_is_put_back()
    {
        await using var harness = await ControllerHarness.StartAsync(c => [new RootCaPublisherController(c, Bundle)]);
        var client = harness.Client;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-a" } });

        await harness.EventuallyAsync(() => BundleOfAsync(client, "team-a"), b => b == Bundle, "team-a has kube-root-ca.crt");
        await harness.EventuallyAsync(() => BundleOfAsync(client, "kube-system"), b => b == Bundle, "kube-system too");

        var tampered = await client.CoreV1.ReadNamespacedConfigMapAsync("kube-root-ca.crt", "team-a");
        tampered.Data["ca.crt"] = "forged";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(tampered, "kube-root-ca.crt", "team-a");
        await harness.EventuallyAsync(() => BundleOfAsync(client, "team-a"), b => b == Bundle, "the tampered bundle is put back");

        await client.CoreV1.DeleteNamespacedConfigMapAsync("kube-root-ca.crt", "team-a");
        await harness.EventuallyAsync(() => BundleOfAsync(client, "team-a"), b => b == Bundle, "the deleted ConfigMap is recreated");
    }

    private static async Task<string?> BundleOfAsync(IKubernetes client, string ns)
    {
        try
        {
            var configMap = await client.CoreV1.ReadNamespacedConfigMapAsync("kube-root-ca.crt", ns);
            return configMap.Data is { } data && data.TryGetValue("ca.crt", out var bundle) ? bundle : null;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
