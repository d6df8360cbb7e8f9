using System.Text.Json.Nodes;
using Orchestrator.ApiMachinery.Bootstrap;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.Host.Commands;
using Orchestrator.Testing;

namespace Orchestrator.Orchestrator.Tests.Commands;

/// <summary>join's discovery checks on cluster-info: the token's signature, HS256 only, and the CA pinned by its hash.</summary>
public sealed class ClusterInfoDiscoveryTests : IDisposable
{
    private static readonly BootstrapToken Token = BootstrapToken.Parse("abcdef.0123456789abcdef");
    private readonly TestPki _pki = new();

    [Fact]
    public void A_signed_cluster_info_with_the_pinned_ca_gives_the_server_and_ca()
    {
        var (server, ca) = ClusterInfoDiscovery.Verify(ClusterInfo(Token), Token, CaCertHash.Of(_pki.Ca));
        Assert.Equal(new Uri("https://192.0.2.10:6443/"), server);
        Assert.Equal(_pki.Ca.Thumbprint, ca.Thumbprint);
    }

    [Fact]
    public void A_token_id_without_signature_is_refused_as_wrong_or_expired()
    {
        var error = Assert.Throws<JoinException>(() => ClusterInfoDiscovery.Verify(ClusterInfo(Token), BootstrapToken.Parse("zzzzzz.0123456789abcdef"), CaCertHash.Of(_pki.Ca)));
        Assert.Equal("token id \"zzzzzz\" not found in cluster-info: the token is wrong or expired", error.Message);
    }

    [Fact]
    public void A_wrong_secret_is_refused()
    {
        var error = Assert.Throws<JoinException>(() => ClusterInfoDiscovery.Verify(ClusterInfo(Token), BootstrapToken.Parse("abcdef.aaaaaaaaaaaaaaaa"), CaCertHash.Of(_pki.Ca)));
        Assert.Contains("the token is wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_ca_hash_is_refused()
    {
        using var other = CertificateAuthority.Create("other");
        var error = Assert.Throws<JoinException>(() => ClusterInfoDiscovery.Verify(ClusterInfo(Token), Token, CaCertHash.Of(other.Certificate)));
        Assert.StartsWith("CA hash does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsigned_algorithm_is_refused()
    {
        var info = ClusterInfo(Token);
        info["data"]!["jws-kubeconfig-abcdef"] = "eyJhbGciOiJub25lIiwia2lkIjoiYWJjZGVmIn0..";
        var error = Assert.Throws<JoinException>(() => ClusterInfoDiscovery.Verify(info, Token, CaCertHash.Of(_pki.Ca)));
        Assert.Contains("only HS256 is accepted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_join_line_is_the_exact_kubeadm_form()
    {
        Assert.Equal(
            $"./orchestrator join --server https://192.0.2.10:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash {CaCertHash.Of(_pki.Ca)}",
            JoinSetup.JoinLine(new Uri("https://192.0.2.10:6443"), Token, _pki.Ca));
    }

    public void Dispose() => _pki.Dispose();

    private JsonObject ClusterInfo(BootstrapToken token)
    {
        var kubeconfig = JoinSetup.ClusterKubeconfig(new Uri("https://192.0.2.10:6443"), _pki.Ca);
        return new JsonObject
        {
            ["data"] = new JsonObject { ["kubeconfig"] = kubeconfig, ["jws-kubeconfig-" + token.Id] = DetachedJws.Sign(kubeconfig, token) },
        };
    }
}
