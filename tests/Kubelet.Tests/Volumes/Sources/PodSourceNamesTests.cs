using k8s.Models;
using Orchestrator.Kubelet.Volumes.Sources;

namespace Orchestrator.Kubelet.Tests.Volumes.Sources;

public sealed class PodSourceNamesTests
{
    public static TheoryData<string, V1PodSpec, string[], string[]> Cases => new()
    {
        { "nothing", new V1PodSpec { Containers = [new V1Container { Name = "a" }] }, [], [] },
        { "volumes", new V1PodSpec { Volumes = [Specs.Secret("s", "sec"), Specs.ConfigMap("c", "cm"), Specs.EmptyDir("e")], Containers = [new V1Container { Name = "a" }] }, ["sec"], ["cm"] },
        {
            "projected", new V1PodSpec
            {
                Volumes = [Specs.Projected("p", null, new V1VolumeProjection { Secret = new V1SecretProjection { Name = "ps" } }, new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "pc" } }, new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "t" } })],
                Containers = [new V1Container { Name = "a" }],
            },
            ["ps"], ["pc"]
        },
        {
            "env of init, regular and ephemeral containers", new V1PodSpec
            {
                InitContainers = [new V1Container { Name = "i", EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "init-s" } }] }],
                Containers = [new V1Container { Name = "a", Env = [new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "app-c", Key = "k" } } }, new V1EnvVar { Name = "Y", Value = "plain" }] }],
                EphemeralContainers = [new V1EphemeralContainer { Name = "d", Env = [new V1EnvVar { Name = "Z", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "debug-s", Key = "k" } } }], EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "debug-c" } }] }],
            },
            ["debug-s", "init-s"], ["app-c", "debug-c"]
        },
        { "a name used twice counts once", new V1PodSpec { Volumes = [Specs.Secret("a", "same"), Specs.Secret("b", "same")], Containers = [new V1Container { Name = "a", EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "same" } }] }] }, ["same"], [] },
        { "imagePullSecrets are not read by this kubelet", new V1PodSpec { ImagePullSecrets = [new V1LocalObjectReference { Name = "registry" }], Containers = [new V1Container { Name = "a" }] }, [], [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Names_are_what_the_kubelet_reads(string because, V1PodSpec spec, string[] secrets, string[] configMaps)
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "u" }, Spec = spec };

        Assert.True(secrets.SequenceEqual(PodSourceNames.Secrets(pod)), because + ": secrets " + string.Join(",", PodSourceNames.Secrets(pod)));
        Assert.True(configMaps.SequenceEqual(PodSourceNames.ConfigMaps(pod)), because + ": configMaps " + string.Join(",", PodSourceNames.ConfigMaps(pod)));
    }
}
