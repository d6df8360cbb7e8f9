using k8s.Models;
using Orchestrator.Kubelet.Volumes;
using Orchestrator.Kubelet.Runtime.Cri;

namespace Orchestrator.Kubelet.Tests.Volumes;

public sealed class EtcHostsTests
{
    private const string Header =
        "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";

    [Theory]
    [InlineData("web-0", null, null, "10.244.0.5", "10.244.0.5\tweb-0\n")]
    [InlineData("web-0", "db", null, "10.244.0.5", "10.244.0.5\tdb\n")]
    [InlineData("web-0", null, "nodes", "10.244.0.5", "10.244.0.5\tweb-0.nodes.ns.svc.cluster.local\tweb-0\n")]
    [InlineData("web-0", "db", "nodes", "10.244.0.5,fd00::5", "10.244.0.5\tdb.nodes.ns.svc.cluster.local\tdb\nfd00::5\tdb.nodes.ns.svc.cluster.local\tdb\n")]
    [InlineData("a-very-long-pod-name-that-goes-on-and-on-and-on-beyond-63-chars-x", null, null, "10.0.0.1", "10.0.0.1\ta-very-long-pod-name-that-goes-on-and-on-and-on-beyond-63-chars\n")]
    [InlineData("truncated-right-at-a-dash-so-the-dash-must-be-trimmed-from-the--end", null, null, "10.0.0.1", "10.0.0.1\ttruncated-right-at-a-dash-so-the-dash-must-be-trimmed-from-the\n")]
    public void Managed_file_lists_localhost_then_the_pod(string name, string? hostname, string? subdomain, string ips, string expected)
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns" }, Spec = new V1PodSpec { Hostname = hostname, Subdomain = subdomain, Containers = [] } };
        Assert.Equal(Header + expected, EtcHosts.ManagedContent(pod, ips.Split(',')));
    }

    [Fact]
    public void Host_aliases_come_last_one_line_per_ip()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns" },
            Spec = new V1PodSpec { Containers = [], HostAliases = [new V1HostAlias { Ip = "1.2.3.4", Hostnames = ["foo", "bar"] }, new V1HostAlias { Ip = "5.6.7.8", Hostnames = ["baz"] }] },
        };
        var aliases = "\n# Entries added by HostAliases.\n1.2.3.4\tfoo\tbar\n5.6.7.8\tbaz\n";
        Assert.Equal(Header + "10.0.0.1\tp\n" + aliases, EtcHosts.ManagedContent(pod, ["10.0.0.1"]));
        Assert.Equal("# Kubernetes-managed hosts file (host network).\n127.0.0.1 localhost\n" + aliases, EtcHosts.HostNetworkContent(pod, "127.0.0.1 localhost\n"));
    }

    [Fact]
    public async Task Volume_manager_writes_the_file_and_containers_mount_it_unless_they_mount_etc_hosts()
    {
        await using var f = new VolumeManagerFixture();
        var pod = VolumeManagerFixture.Pod("u1", Specs.EmptyDir("scratch"));
        var volumes = await f.Manager.SetUpAsync(pod, CancellationToken.None);

        var path = f.Manager.WriteEtcHosts(pod, ["10.244.0.9"]);

        Assert.Equal(Path.Join(f.PodsRoot, "u1", "etc-hosts"), path);
        Assert.Equal(Header + "10.244.0.9\tpod-u1\n", await File.ReadAllTextAsync(path));
        Assert.Equal((UnixFileMode)Specs.Octal("644"), UnixFiles.GetMode(path));
        var written = File.GetLastWriteTimeUtc(path);
        Assert.Equal(path, f.Manager.WriteEtcHosts(pod, ["10.244.0.9"]));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));

        var plain = new V1Container { Name = "a", VolumeMounts = [Specs.Mount("scratch", "/data")] };
        Assert.Equal(new ContainerMount(path, "/etc/hosts", false), ContainerMounts.For(plain, pod, volumes, etcHostsPath: path)[^1]);
        var own = new V1Container { Name = "b", VolumeMounts = [Specs.Mount("scratch", "/etc/hosts", subPath: "hosts")] };
        Assert.DoesNotContain(ContainerMounts.For(own, pod, volumes, etcHostsPath: path), m => m.HostPath == path);

        var hostNetwork = VolumeManagerFixture.Pod("u2");
        hostNetwork.Spec.HostNetwork = true;
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.Join("hosts"), "127.0.0.1 localhost node-1\n");
        Assert.Equal("# Kubernetes-managed hosts file (host network).\n127.0.0.1 localhost node-1\n", await File.ReadAllTextAsync(f.Manager.WriteEtcHosts(hostNetwork, ["192.168.1.10"], nodeHostsFile: dir.Join("hosts"))));
    }
}
