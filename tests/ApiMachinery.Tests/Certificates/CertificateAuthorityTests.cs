using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.ApiMachinery.Tests.Certificates;

public sealed class CertificateAuthorityTests
{
    [Fact]
    public void A_client_certificate_carries_the_user_as_CN_and_each_group_as_O_and_chains_to_the_CA()
    {
        using var ca = CertificateAuthority.Create("test-ca");
        using var client = ca.IssueClient("system:node:n1", ["system:nodes", "extra"]);

        Assert.Equal("system:node:n1", client.GetNameInfo(X509NameType.SimpleName, false));
        var organizations = client.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(r => r.GetSingleElementType().Value == "2.5.4.10").Select(r => r.GetSingleElementValue() ?? "").ToArray();
        Assert.Equal(["system:nodes", "extra"], organizations);
        Assert.True(client.HasPrivateKey);
        Assert.True(Chains(client, ca.Certificate));
        Assert.Contains("1.3.6.1.5.5.7.3.2", Usages(client));
    }

    [Fact]
    public void A_serving_certificate_names_every_DNS_name_and_address_and_is_for_server_auth()
    {
        using var ca = CertificateAuthority.Create("test-ca");
        using var serving = ca.IssueServing("kube-apiserver", ["kubernetes.default.svc"], [IPAddress.Loopback, IPAddress.Parse("10.96.0.1")]);

        var san = serving.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["kubernetes.default.svc"], san.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.Parse("10.96.0.1")], san.EnumerateIPAddresses());
        Assert.Contains("1.3.6.1.5.5.7.3.1", Usages(serving));
        Assert.True(Chains(serving, ca.Certificate));
    }

    [Fact]
    public void A_CA_made_elsewhere_a_moment_ago_issues_certificates_that_start_with_it_not_before()
    {
        // Helm's genCA starts a CA's validity at the instant it signs; issuing must not reach back before it.
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fresh-ca", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var fresh = request.CreateSelfSigned(now, now.AddDays(1));
        using var ca = CertificateAuthority.FromCertificate(fresh);
        using var client = ca.IssueClient("system:kube-scheduler", []);

        Assert.Equal(fresh.NotBefore, client.NotBefore);
        Assert.True(Chains(client, ca.Certificate));
    }

    [Fact]
    public void A_certificate_of_another_CA_does_not_chain()
    {
        using var ca = CertificateAuthority.Create("test-ca");
        using var other = CertificateAuthority.Create("other-ca");
        using var client = other.IssueClient("mallory", []);

        Assert.False(Chains(client, ca.Certificate));
    }

    [Fact]
    public void Certificates_and_keys_round_trip_through_PEM()
    {
        using var ca = CertificateAuthority.Create("test-ca");
        using var client = ca.IssueClient("admin", ["system:masters"]);

        using var read = Pem.CertificateWithKey(Pem.Certificate(client), Pem.PrivateKey(client));

        Assert.Equal(client.RawData, read.RawData);
        Assert.True(read.HasPrivateKey);
        Assert.Single(Pem.Certificates(Pem.Certificate(ca.Certificate) + Pem.Certificate(client)), c => c.Subject == ca.Certificate.Subject);
    }

    [Fact]
    public void The_CA_hash_is_the_SHA256_of_the_SubjectPublicKeyInfo_as_openssl_computes_it()
    {
        using var ca = CertificateAuthority.Create("test-ca");
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Pem.Certificate(ca.Certificate));
            // kubeadm's documented recipe: openssl x509 -pubkey | openssl pkey -pubin -outform der | sha256sum
            var start = new ProcessStartInfo("sh", ["-c", $"openssl x509 -pubkey -in {path} -noout | openssl pkey -pubin -outform der | sha256sum"]) { RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            var hex = process.StandardOutput.ReadToEnd().Split(' ')[0];
            process.WaitForExit();

            Assert.Equal("sha256:" + hex, CaCertHash.Of(ca.Certificate));
            Assert.True(CaCertHash.Matches(ca.Certificate, "SHA256:" + hex.ToUpperInvariant()));
            Assert.False(CaCertHash.Matches(ca.Certificate, "sha256:" + new string('0', 64)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static bool Chains(X509Certificate2 leaf, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    private static string[] Usages(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value!).ToArray();
}
