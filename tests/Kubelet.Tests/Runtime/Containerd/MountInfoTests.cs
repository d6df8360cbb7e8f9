using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.Kubelet.Tests.Runtime.Containerd;

public sealed class MountInfoTests
{
    private const string Sample = """
        22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda rw
        101 22 0:50 / /tmp/s/root/io.containerd.snapshotter.v1.overlayfs/snapshots/1/fs rw - overlay overlay rw
        102 22 0:51 / /tmp/s/state/io.containerd.grpc.v1.cri/netns/cni-1 rw - nsfs nsfs rw
        103 102 0:52 / /tmp/s/state/io.containerd.grpc.v1.cri/netns/cni-1/x rw - tmpfs tmpfs rw
        104 22 0:53 / /tmp/s2/state rw - tmpfs tmpfs rw
        105 22 0:54 / /tmp/s/with\040space rw - tmpfs tmpfs rw
        """;

    [Fact]
    public void Lists_mounts_under_the_root_deepest_first()
    {
        Assert.Equal(
            [
                "/tmp/s/root/io.containerd.snapshotter.v1.overlayfs/snapshots/1/fs",
                "/tmp/s/state/io.containerd.grpc.v1.cri/netns/cni-1/x",
                "/tmp/s/state/io.containerd.grpc.v1.cri/netns/cni-1",
                "/tmp/s/with space",
            ],
            MountInfo.MountsUnder(Sample, "/tmp/s"));
    }

    [Theory]
    [InlineData(@"/a\040b", "/a b")]
    [InlineData(@"/a\011b\134", @"/a	b\")]
    [InlineData("/plain", "/plain")]
    [InlineData(@"/short\04", @"/short\04")]
    public void Decodes_octal_escapes(string field, string expected) => Assert.Equal(expected, MountInfo.Unescape(field));
}
