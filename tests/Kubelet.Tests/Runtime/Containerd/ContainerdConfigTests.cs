using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.Kubelet.Tests.Runtime.Containerd;

public sealed class ContainerdConfigTests
{
    [Fact]
    public void Defaults_put_every_path_under_the_state_dir()
    {
        var config = ContainerdConfig.ForStateDir("/tmp/node-a/");

        Assert.Equal(new ContainerdConfig(
            "/tmp/node-a", "/tmp/node-a/containerd.sock", "localhost/pause:catatonit", "/tmp/node-a/cni/net.d", "/usr/lib/cni",
            "/tmp/node-a/certs.d", "/tmp/node-a/runc"), config);
        Assert.Equal("unix:///tmp/node-a/containerd.sock", config.Endpoint);
        Assert.Equal("/tmp/node-a/cni/ipam", config.IpamDataDir);
    }

    [Fact]
    public void Renders_the_verified_config_toml()
    {
        var toml = ContainerdConfig.ForStateDir("/s") with { SandboxImage = "example/pause:1" };

        Assert.Equal("""
            version = 2
            root = "/s/root"
            state = "/s/state"

            [grpc]
              address = "/s/containerd.sock"
            [ttrpc]
              address = "/s/containerd.sock.ttrpc"
            [debug]
              level = "info"
            [plugins."io.containerd.internal.v1.opt"]
              path = "/s/opt"

            [plugins."io.containerd.grpc.v1.cri"]
              sandbox_image = "example/pause:1"
              netns_mounts_under_state_dir = true
              restrict_oom_score_adj = true
              enable_selinux = false
              [plugins."io.containerd.grpc.v1.cri".containerd]
                snapshotter = "overlayfs"
                default_runtime_name = "runc"
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                  runtime_type = "io.containerd.runc.v2"
                  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                    SystemdCgroup = false
                    Root = "/s/runc"
              [plugins."io.containerd.grpc.v1.cri".cni]
                bin_dir = "/usr/lib/cni"
                conf_dir = "/s/cni/net.d"
              [plugins."io.containerd.grpc.v1.cri".registry]
                config_path = "/s/certs.d"

            """, toml.ToToml());
    }

    [Theory]
    [InlineData("/tmp/with \"quote\"", "root = \"/tmp/with \\\"quote\\\"/root\"")]
    [InlineData("/tmp/back\\slash", "root = \"/tmp/back\\\\slash/root\"")]
    public void Escapes_toml_strings(string stateDir, string expectedLine)
    {
        var toml = (ContainerdConfig.ForStateDir("/x") with { StateDir = stateDir }).ToToml();

        Assert.Contains(expectedLine + "\n", toml, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_control_characters()
    {
        var config = ContainerdConfig.ForStateDir("/x") with { SandboxImage = "bad\nimage" };

        Assert.Throws<ArgumentException>(() => config.ToToml());
    }
}
