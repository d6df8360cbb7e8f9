using System.Net;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Host.Pki;

namespace Orchestrator.Orchestrator.Tests.Pki;

/// <summary>The cluster's PKI files under the data directory: created once, reused, re-issued only when they no longer fit.</summary>
public sealed class ClusterPkiTests : IDisposable
{
    private static readonly Uri Server = new("https://127.0.0.1:6443");
    private static readonly SubjectAlternativeNames Names = ApiServerNames.Compute("host-1", IPAddress.Loopback, IPAddress.Parse("192.0.2.10"), []);

    private readonly string _data = Directory.CreateTempSubdirectory("orchestrator-pki-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void The_first_start_writes_kubeadms_layout_with_private_keys_0600()
    {
        using var pki = ClusterPki.LoadOrCreate(_data, Names);
        pki.WriteKubeconfig(Server, ComponentIdentity.Admin);
        pki.WriteKubeconfig(Server, ComponentIdentity.Scheduler);

        foreach (var file in new[] { "ca.crt", "ca.key", "apiserver.crt", "apiserver.key", "sa.key", "sa.pub", "apiserver-kubelet-client.crt", "apiserver-kubelet-client.key" })
        {
            Assert.True(File.Exists(Path.Combine(_data, "pki", file)), file);
        }

        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            foreach (var file in new[] { "pki/ca.key", "pki/apiserver.key", "pki/sa.key", "pki/apiserver-kubelet-client.key", "kubeconfig", "kubeconfigs/scheduler.kubeconfig" })
            {
                Assert.True(File.GetUnixFileMode(Path.Combine(_data, file)) == Private, $"{file} is {File.GetUnixFileMode(Path.Combine(_data, file))}");
            }
        }

        Assert.Empty(Names.MissingFrom(pki.ServingCertificate));
        Assert.True(CertificateChains.IssuedBy(pki.ServingCertificate, pki.CaCertificate, DateTimeOffset.UtcNow));
        Assert.Equal(CertificateAuthority.Subject("kube-apiserver-kubelet-client", ["kubeadm:cluster-admins"]).Name, pki.KubeletClientCertificate.Subject);
        Assert.Equal(256, pki.ServiceAccountKey.KeySize);
    }

    [Fact]
    public void The_client_configuration_built_in_memory_is_what_the_written_kubeconfig_says()
    {
        using var pki = ClusterPki.LoadOrCreate(_data, Names);
        pki.WriteKubeconfig(Server, ComponentIdentity.Scheduler);

        var inMemory = pki.WriteClientConfiguration(Server, ComponentIdentity.Scheduler);
        var fromFile = k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(ComponentIdentity.Scheduler.KubeconfigPath(_data));

        Assert.Equal(fromFile.Host, inMemory.Host);
        Assert.Equal(fromFile.Namespace, inMemory.Namespace);
        Assert.Equal(fromFile.ClientCertificateData, inMemory.ClientCertificateData);
        Assert.Equal(fromFile.ClientCertificateKeyData, inMemory.ClientCertificateKeyData);
        Assert.Equal(fromFile.SslCaCerts.Select(c => c.Thumbprint), inMemory.SslCaCerts.Select(c => c.Thumbprint));
        Assert.Equal(fromFile.SkipTlsVerify, inMemory.SkipTlsVerify);
        Assert.Equal(fromFile.TlsServerName, inMemory.TlsServerName);
    }

    [Fact]
    public void The_front_proxy_has_its_own_ca_and_a_client_certificate_from_it_as_kubeadm_lays_them_out()
    {
        string thumbprints;
        using (var pki = ClusterPki.LoadOrCreate(_data, Names))
        {
            foreach (var file in new[] { "front-proxy-ca.crt", "front-proxy-ca.key", "front-proxy-client.crt", "front-proxy-client.key" })
            {
                Assert.True(File.Exists(Path.Combine(_data, "pki", file)), file);
            }

            Assert.Equal("CN=front-proxy-ca", pki.FrontProxyCaCertificate.Subject);
            Assert.False(pki.FrontProxyCaCertificate.HasPrivateKey);
            Assert.Equal("CN=front-proxy-client", pki.FrontProxyClientCertificate.Subject);
            Assert.True(pki.FrontProxyClientCertificate.HasPrivateKey);
            Assert.True(CertificateChains.IssuedBy(pki.FrontProxyClientCertificate, pki.FrontProxyCaCertificate, DateTimeOffset.UtcNow));
            // Apart from the cluster CA: a client certificate of the cluster CA can never pass for the front proxy.
            Assert.False(CertificateChains.IssuedBy(pki.FrontProxyClientCertificate, pki.CaCertificate, DateTimeOffset.UtcNow));
            thumbprints = pki.FrontProxyCaCertificate.Thumbprint + pki.FrontProxyClientCertificate.Thumbprint;
        }

        using var again = ClusterPki.LoadOrCreate(_data, Names);
        Assert.Equal(thumbprints, again.FrontProxyCaCertificate.Thumbprint + again.FrontProxyClientCertificate.Thumbprint);
    }

    [Fact]
    public void A_restart_reuses_every_certificate_and_key()
    {
        string[] before;
        using (var first = ClusterPki.LoadOrCreate(_data, Names))
        {
            first.WriteKubeconfig(Server, ComponentIdentity.Admin);
            before = [first.CaCertificate.Thumbprint, first.ServingCertificate.Thumbprint, first.KubeletClientCertificate.Thumbprint, Convert.ToBase64String(first.ServiceAccountKey.ExportSubjectPublicKeyInfo()), AdminThumbprint()];
        }

        using var second = ClusterPki.LoadOrCreate(_data, Names);
        second.WriteKubeconfig(new Uri("https://127.0.0.1:7443"), ComponentIdentity.Admin);

        string[] after = [second.CaCertificate.Thumbprint, second.ServingCertificate.Thumbprint, second.KubeletClientCertificate.Thumbprint, Convert.ToBase64String(second.ServiceAccountKey.ExportSubjectPublicKeyInfo()), AdminThumbprint()];
        Assert.Equal(before, after);
        Assert.Contains("server: https://127.0.0.1:7443", File.ReadAllText(Path.Combine(_data, "kubeconfig")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_address_re_issues_the_serving_certificate_from_the_same_ca()
    {
        string caBefore, servingBefore;
        using (var first = ClusterPki.LoadOrCreate(_data, Names))
        {
            (caBefore, servingBefore) = (first.CaCertificate.Thumbprint, first.ServingCertificate.Thumbprint);
        }

        var moved = ApiServerNames.Compute("host-1", IPAddress.Loopback, IPAddress.Parse("198.51.100.4"), []);
        using var second = ClusterPki.LoadOrCreate(_data, moved);

        Assert.Equal(caBefore, second.CaCertificate.Thumbprint);
        Assert.NotEqual(servingBefore, second.ServingCertificate.Thumbprint);
        Assert.Empty(moved.MissingFrom(second.ServingCertificate));
    }

    [Fact]
    public void Each_component_gets_a_client_certificate_with_its_user_and_groups()
    {
        using var pki = ClusterPki.LoadOrCreate(_data, Names);

        foreach (var identity in new[] { ComponentIdentity.Admin, ComponentIdentity.Scheduler, ComponentIdentity.ControllerManager, ComponentIdentity.Proxy, ComponentIdentity.Dns, ComponentIdentity.Kubelet("node-a") })
        {
            var path = pki.WriteKubeconfig(Server, identity);
            using var certificate = Kubeconfig.ReadClientCertificate(path)!;
            Assert.Equal(identity.KubeconfigPath(_data), path);
            Assert.Equal(CertificateAuthority.Subject(identity.User, identity.Groups).Name, certificate.SubjectName.Name);
            Assert.True(CertificateChains.IssuedBy(certificate, pki.CaCertificate, DateTimeOffset.UtcNow));
        }

        Assert.Equal(Path.Combine(_data, "kubeconfigs", "kubelet-node-a.kubeconfig"), ComponentIdentity.Kubelet("node-a").KubeconfigPath(_data));
        using var kubelet = Kubeconfig.ReadClientCertificate(ComponentIdentity.Kubelet("node-a").KubeconfigPath(_data))!;
        Assert.Equal("system:node:node-a", kubelet.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Contains("O=system:nodes", kubelet.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kubeconfig_whose_certificate_is_from_another_ca_gets_a_new_one()
    {
        using var pki = ClusterPki.LoadOrCreate(_data, Names);
        using var stranger = CertificateAuthority.Create("stranger");
        using var foreign = stranger.IssueClient("admin", ["system:masters"]);
        Kubeconfig.Write(Path.Combine(_data, "kubeconfig"), Server, stranger.Certificate, foreign, "admin");

        pki.WriteKubeconfig(Server, ComponentIdentity.Admin);

        using var written = Kubeconfig.ReadClientCertificate(Path.Combine(_data, "kubeconfig"))!;
        Assert.NotEqual(foreign.Thumbprint, written.Thumbprint);
        Assert.True(CertificateChains.IssuedBy(written, pki.CaCertificate, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_ca_certificate_without_its_key_is_refused_rather_than_replaced()
    {
        using (ClusterPki.LoadOrCreate(_data, Names))
        {
        }

        File.Delete(Path.Combine(_data, "pki", "ca.key"));

        var error = Assert.Throws<PkiException>(() => ClusterPki.LoadOrCreate(_data, Names));
        Assert.Contains("ca.crt exists without its pair", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "pki", "ca.key")));
    }

    [Fact]
    public void The_kubelet_serving_certificate_of_a_local_node_comes_from_the_cluster_ca_and_is_reused()
    {
        using var pki = ClusterPki.LoadOrCreate(_data, Names);
        var names = new SubjectAlternativeNames(["node-a"], [IPAddress.Parse("10.0.0.5")]);
        var directory = Path.Combine(_data, "kubelet", "pki");

        using var first = pki.KubeletServingCertificate(directory, "node-a", names);
        using var second = pki.KubeletServingCertificate(directory, "node-a", names);

        Assert.True(CertificateChains.IssuedBy(first, pki.CaCertificate, DateTimeOffset.UtcNow));
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.True(File.Exists(Path.Combine(directory, "kubelet.crt")));
    }

    private string AdminThumbprint()
    {
        using var certificate = Kubeconfig.ReadClientCertificate(Path.Combine(_data, "kubeconfig"))!;
        return certificate.Thumbprint;
    }
}
