using Orchestrator.KubeProxy.Backends.Nftables;
using Orchestrator.KubeProxy.Backends.Nftables.Netlink;

namespace Orchestrator.KubeProxy.Tests.Backends.Nftables.Netlink;

public sealed class NftRuleCompilerTests
{
    [Theory]
    [InlineData("ip6 saddr ::1 drop", "ip6")]
    [InlineData("ip saddr != @affinity-x goto endpoint-x", "!= @set")]
    [InlineData("ip saddr 10.0.0.0/0 jump mark-for-masquerade", "10.0.0.0/0")]
    [InlineData("meta l4proto icmp dnat to 10.0.0.1:80", "icmp")]
    [InlineData("goto a goto b", "goto")]
    [InlineData("numgen inc mod 2 == 0 goto x", "numgen")]
    public void Syntax_outside_the_renderers_subset_is_refused_naming_the_token(string rule, string token)
    {
        var error = Assert.Throws<NotSupportedException>(() => NftRuleCompiler.Write(new NetlinkWriter(), rule));

        Assert.Contains($"'{token}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_aligned_prefix_compares_its_bytes_and_another_masks_the_address()
    {
        var aligned = new NetlinkWriter();
        NftRuleCompiler.Write(aligned, "ip saddr 10.244.0.0/16 goto x");
        var masked = new NetlinkWriter();
        NftRuleCompiler.Write(masked, "ip saddr 10.240.0.0/12 goto x");

        Assert.True(aligned.Written.IndexOf("bitwise"u8) < 0);
        Assert.True(masked.Written.IndexOf("bitwise"u8) >= 0);
    }

    [Fact]
    public void Replies_map_back_to_the_operation_by_sequence_number()
    {
        NftOperation[] operations = [NftOperation.FlushChain("a"), NftOperation.DeleteChain("a"), NftOperation.AddChain("b")];

        var batch = NftBatch.Write(operations, 100);

        Assert.Equal(103u, batch.LastSequence);
        Assert.Null(batch.OperationOf(100));
        Assert.Equal(operations[0], batch.OperationOf(101));
        Assert.Equal(operations[2], batch.OperationOf(103));
        Assert.Null(batch.OperationOf(104));
    }

    [Fact]
    public void Element_keys_pad_each_concatenated_field_to_four_bytes()
    {
        Assert.Equal(
            [10, 96, 0, 10, 17, 0, 0, 0, 0, 53, 0, 0],
            NftElementEncoder.Key(new NftElement("service-ips", "10.96.0.10 . udp . 53", "goto x")));
        Assert.Equal([6, 0, 0, 0, 0x75, 0x80, 0, 0], NftElementEncoder.Key(new NftElement("service-nodeports", "tcp . 30080", "drop")));
    }

    [Theory]
    [InlineData("{ type ipv6_addr ; }", "ipv6_addr")]
    [InlineData("{ type ipv4_addr ; flags interval ; }", "flags interval")]
    [InlineData("{ type ipv4_addr ; size 65535 ; }", "size 65535")]
    public void Set_definitions_outside_the_renderers_subset_are_refused(string definition, string clause)
    {
        var error = Assert.Throws<NotSupportedException>(() => NftDefinition.Set(new NetlinkWriter(), definition, 1));

        Assert.Contains($"'{clause}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_operation_kind_writes_the_nft_line_it_stands_for()
    {
        var element = new NftElement("service-ips", "10.96.0.10 . udp . 53", "goto x", "ns/dns");
        NftOperation[] operations =
        [
            new(NftOperationKind.AddTable, "", Definition: "{ comment \"c\" ; }"), new(NftOperationKind.DeleteTable, ""),
            NftOperation.AddChain("c", "{ type nat hook output priority -100 ; }"), NftOperation.AddChain("d"),
            new(NftOperationKind.AddMap, "m", Definition: "{ type inet_proto . inet_service : verdict ; }"),
            NftOperation.AddSet(new NftAffinitySet("a", 60)), NftOperation.AddRule("d", "goto c"),
            NftOperation.AddElement(element), NftOperation.DeleteElement(element), NftOperation.FlushChain("d"),
            NftOperation.DeleteChain("d"), NftOperation.DeleteSet("a"), NftOperation.Remark("# x"),
        ];

        Assert.Equal(
            """
            add table ip kube-proxy { comment "c" ; }
            delete table ip kube-proxy
            add chain ip kube-proxy c { type nat hook output priority -100 ; }
            add chain ip kube-proxy d
            add map ip kube-proxy m { type inet_proto . inet_service : verdict ; }
            add set ip kube-proxy a { type ipv4_addr ; flags dynamic,timeout ; timeout 60s ; }
            add rule ip kube-proxy d goto c
            add element ip kube-proxy service-ips { 10.96.0.10 . udp . 53 comment "ns/dns" : goto x }
            delete element ip kube-proxy service-ips { 10.96.0.10 . udp . 53 }
            flush chain ip kube-proxy d
            delete chain ip kube-proxy d
            delete set ip kube-proxy a
            # x

            """.ReplaceLineEndings("\n"),
            NftOperation.Script(operations));
    }
}
