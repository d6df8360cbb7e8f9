using Orchestrator.Kubelet.Network;
using Orchestrator.Kubelet.Runtime.Containerd;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Network;

/// <summary><see cref="PodMasquerade"/> through the real <c>nft</c>, in a scratch network namespace.</summary>
public sealed class PodMasqueradeNftTests : IAsyncLifetime
{
    private NetworkNamespace _ns = null!;

    public async Task InitializeAsync() => _ns = await NetworkNamespace.CreateAsync();

    public async Task DisposeAsync() => await _ns.DisposeAsync();

    [NetnsFact]
    public async Task The_table_is_created_idempotently_and_deleted_and_leaves_other_nodes_tables_alone()
    {
        var a = Masquerade("orcaaaaaaaa-masq", "10.98.0.0/16");
        var b = Masquerade("orcbbbbbbbb-masq", "10.98.0.0/16");

        await a.ApplyAsync(CancellationToken.None);
        await a.ApplyAsync(CancellationToken.None);
        await b.ApplyAsync(CancellationToken.None);
        var listed = await _ns.ExecCheckedAsync("nft", ["list", "table", "ip", a.TableName]);

        Assert.Single(listed.Split('\n'), line => line.Contains("masquerade", StringComparison.Ordinal));
        Assert.Contains("ip saddr 10.98.0.0/16 ip daddr != 10.98.0.0/16 masquerade", listed, StringComparison.Ordinal);
        Assert.Contains("type nat hook postrouting priority srcnat; policy accept;", listed, StringComparison.Ordinal);
        Assert.True(await a.DeleteAsync(CancellationToken.None));
        Assert.False(await a.DeleteAsync(CancellationToken.None));
        var tables = await _ns.ExecCheckedAsync("nft", ["list", "tables"]);
        Assert.DoesNotContain(a.TableName, tables, StringComparison.Ordinal);
        Assert.Contains(b.TableName, tables, StringComparison.Ordinal);
    }

    private PodMasquerade Masquerade(string table, string cidr) =>
        new(table, Ipv4Cidr.Parse(cidr), (file, args, stdin, ct) => _ns.ExecAsync(file, args, stdin, ct));
}
