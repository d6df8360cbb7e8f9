using Orchestrator.Kubelet.Network;
using Orchestrator.Kubelet.Runtime.Containerd;

namespace Orchestrator.Kubelet.Tests.Network;

public sealed class PodMasqueradeTests
{
    [Fact]
    public void Render_replaces_the_whole_table_in_one_transaction_with_a_srcnat_masquerade_for_traffic_leaving_the_cluster()
    {
        var script = PodMasquerade.Render("orc1a2b3c4d-masq", Ipv4Cidr.Parse("10.244.0.0/16"));

        Assert.Equal("""
            table ip orc1a2b3c4d-masq {
            }
            delete table ip orc1a2b3c4d-masq
            table ip orc1a2b3c4d-masq {
                chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    ip saddr 10.244.0.0/16 ip daddr != 10.244.0.0/16 masquerade
                }
            }

            """, script);
    }

    [Fact]
    public void The_table_name_derives_from_the_bridge_so_nodes_sharing_a_namespace_get_their_own()
    {
        var a = PodMasquerade.TableNameFor(CniConfig.BridgeNameFor("/tmp/node-a/containerd"));
        var b = PodMasquerade.TableNameFor(CniConfig.BridgeNameFor("/tmp/node-b/containerd"));

        Assert.NotEqual(a, b);
        Assert.Matches("^orc[0-9a-f]{8}-masq$", a);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1table")]
    [InlineData("bad name")]
    [InlineData("semi;colon")]
    public void A_table_name_nft_would_not_parse_is_refused(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => new PodMasquerade(name, Ipv4Cidr.Parse("10.244.0.0/16"), (_, _, _, _) => throw new InvalidOperationException("must not run")));
    }
}
