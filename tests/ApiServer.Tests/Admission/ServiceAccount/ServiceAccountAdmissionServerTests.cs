using k8s;
using k8s.Models;
using Orchestrator.Testing;

namespace Orchestrator.ApiServer.Tests.Admission.ServiceAccount;

public sealed class ServiceAccountAdmissionServerTests
{
    [Fact]
    public async Task A_secured_server_stores_pods_with_the_token_volume_that_passes_pod_validation()
    {
        using var pki = new TestPki();
        await using var server = await InProcessApiServer.StartSecureAsync(pki, "AlwaysAllow");
        var client = server.Client;
        await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "default" } }, "default");

        var created = await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "busybox" }] },
        }, "default");

        Assert.Equal("default", created.Spec.ServiceAccountName);
        var volume = Assert.Single(created.Spec.Volumes);
        Assert.StartsWith("kube-api-access-", volume.Name);
        Assert.Equal(420, volume.Projected.DefaultMode);
        Assert.Contains(created.Spec.Containers[0].VolumeMounts, m => m.MountPath == "/var/run/secrets/kubernetes.io/serviceaccount" && m.ReadOnlyProperty == true);

        var refused = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "lost" },
            Spec = new V1PodSpec { ServiceAccountName = "nobody", Containers = [new V1Container { Name = "web", Image = "busybox" }] },
        }, "default"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(refused.Response.Content);
        Assert.Equal("pods \"lost\" is forbidden: error looking up service account default/nobody: serviceaccount \"nobody\" not found", status.Message);
    }
}
