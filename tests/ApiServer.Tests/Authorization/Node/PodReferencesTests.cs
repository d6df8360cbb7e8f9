using Orchestrator.ApiServer.Authorization.Node;
using static Orchestrator.ApiServer.Tests.Authorization.Node.NodeTestObjects;

namespace Orchestrator.ApiServer.Tests.Authorization.Node;

public sealed class PodReferencesTests
{
    public static TheoryData<string, string[], string[], string[]> References => new()
    {
        // spec fields, secrets, configMaps, claims
        { "", [], [], [] },
        { """ "imagePullSecrets":[{"name":"registry"}]""", ["registry"], [], [] },
        { """ "volumes":[{"name":"v","secret":{"secretName":"tls"}},{"name":"w","configMap":{"name":"settings"}}]""", ["tls"], ["settings"], [] },
        { """ "volumes":[{"name":"v","projected":{"sources":[{"secret":{"name":"s1"}},{"configMap":{"name":"c1"}},{"serviceAccountToken":{"path":"t"}}]}}]""", ["s1"], ["c1"], [] },
        { """ "volumes":[{"name":"v","csi":{"driver":"d","nodePublishSecretRef":{"name":"csi"}}},{"name":"r","rbd":{"monitors":["m"],"image":"i","secretRef":{"name":"ceph"}}},{"name":"a","azureFile":{"secretName":"azure","shareName":"s"}}]""", ["azure", "ceph", "csi"], [], [] },
        { """ "volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"pvc-1"}},{"name":"scratch","ephemeral":{"volumeClaimTemplate":{"spec":{}}}}]""", [], [], ["p-scratch", "pvc-1"] },
        { """ "initContainers":[{"name":"i","envFrom":[{"secretRef":{"name":"init-env"}}]}],"ephemeralContainers":[{"name":"e","env":[{"name":"X","valueFrom":{"configMapKeyRef":{"name":"debug","key":"k"}}}]}]""", ["init-env"], ["debug"], [] },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void Every_secret_configmap_and_claim_a_pod_names_is_found(string specFields, string[] secrets, string[] configMaps, string[] claims)
    {
        var references = PodReferences.Of(Pod("team", "p", "a", specFields));

        Assert.Equal(secrets, references.Secrets);
        Assert.Equal(configMaps, references.ConfigMaps);
        Assert.Equal(claims, references.Claims);
    }

    [Fact]
    public void Container_env_and_env_from_name_secrets_and_configmaps_once_each()
    {
        var pod = Pod("team", "p", "a", """ "containers":[{"name":"c","envFrom":[{"configMapRef":{"name":"cm"}},{"secretRef":{"name":"s"}}],"env":[{"name":"A","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}]}],"serviceAccountName":"builder" """);

        var references = PodReferences.Of(pod);

        Assert.Equal(["s"], references.Secrets);
        Assert.Equal(["cm"], references.ConfigMaps);
        Assert.Equal("builder", references.ServiceAccount);
    }
}
