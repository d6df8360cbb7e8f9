using System.Text.Json;
using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.Kubelet.Tests.Runtime.Containerd;

public sealed class CniConfigTests
{
    [Fact]
    public void Renders_bridge_with_host_local_ipam_and_loopback()
    {
        var json = CniConfig.Render(Ipv4Cidr.Parse("10.244.3.0/24"), "orc1234abcd", "/s/cni/ipam");

        Assert.Equal("""
            {
              "cniVersion": "0.4.0",
              "name": "orchestrator-orc1234abcd",
              "plugins": [
                {
                  "type": "bridge",
                  "bridge": "orc1234abcd",
                  "isGateway": true,
                  "ipMasq": false,
                  "hairpinMode": true,
                  "ipam": {
                    "type": "host-local",
                    "dataDir": "/s/cni/ipam",
                    "ranges": [
                      [
                        {
                          "subnet": "10.244.3.0/24",
                          "gateway": "10.244.3.1"
                        }
                      ]
                    ],
                    "routes": [
                      {
                        "dst": "0.0.0.0/0"
                      }
                    ]
                  }
                },
                {
                  "type": "loopback"
                }
              ]
            }

            """, json);
    }

    [Fact]
    public void Each_bridge_gets_its_own_network_name_so_nodes_sharing_a_host_keep_their_libcni_cache_entries_apart()
    {
        using var a = JsonDocument.Parse(CniConfig.Render(Ipv4Cidr.Parse("10.244.1.0/24"), CniConfig.BridgeNameFor("/tmp/node-a"), "/a"));
        using var b = JsonDocument.Parse(CniConfig.Render(Ipv4Cidr.Parse("10.244.2.0/24"), CniConfig.BridgeNameFor("/tmp/node-b"), "/b"));

        var nameA = a.RootElement.GetProperty("name").GetString();
        Assert.NotEqual(nameA, b.RootElement.GetProperty("name").GetString());
        Assert.Equal(CniConfig.NetworkNameFor(CniConfig.BridgeNameFor("/tmp/node-a")), nameA);
    }

    [Theory]
    [InlineData("10.244.0.0/24", "10.244.0.1")]
    [InlineData("10.244.0.7/24", "10.244.0.1")]
    [InlineData("10.64.0.0/16", "10.64.0.1")]
    [InlineData("192.168.5.128/25", "192.168.5.129")]
    public void The_gateway_is_the_first_address_of_the_network(string cidr, string gateway)
    {
        using var json = JsonDocument.Parse(CniConfig.Render(Ipv4Cidr.Parse(cidr), "orc0", "/d"));
        var range = json.RootElement.GetProperty("plugins")[0].GetProperty("ipam").GetProperty("ranges")[0][0];

        Assert.Equal(gateway, range.GetProperty("gateway").GetString());
        Assert.Equal(Ipv4Cidr.Parse(cidr).ToString(), range.GetProperty("subnet").GetString());
    }

    [Theory]
    [InlineData("averyveryverylongname")]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Refuses_bad_bridge_names(string bridge) =>
        Assert.ThrowsAny<ArgumentException>(() => CniConfig.Render(Ipv4Cidr.Parse("10.1.0.0/24"), bridge, "/d"));

    [Fact]
    public void Bridge_names_are_short_stable_and_differ_per_state_dir()
    {
        var a = CniConfig.BridgeNameFor("/tmp/a");

        Assert.Equal(a, CniConfig.BridgeNameFor("/tmp/a/"));
        Assert.NotEqual(a, CniConfig.BridgeNameFor("/tmp/b"));
        Assert.Matches("^orc[0-9a-f]{8}$", a);
    }

    [Fact]
    public void Writing_again_replaces_the_file_and_leaves_no_temp_file()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"cni-test-{Guid.NewGuid():N}");
        try
        {
            CniConfig.Write(dir, Ipv4Cidr.Parse("10.1.0.0/24"), "orc0", "/d");
            var path = CniConfig.Write(dir, Ipv4Cidr.Parse("10.2.0.0/24"), "orc0", "/d");

            Assert.Equal([path], Directory.GetFiles(dir));
            Assert.Contains("10.2.0.0/24", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.DoesNotContain("10.1.0.0/24", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
