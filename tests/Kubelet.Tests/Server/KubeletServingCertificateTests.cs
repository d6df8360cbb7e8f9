using System.Net;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.Kubelet.Server;

namespace Orchestrator.Kubelet.Tests.Server;

/// <summary>The standalone kubelet's self-signed serving certificate, as upstream's kubelet makes and keeps it.</summary>
public sealed class KubeletServingCertificateTests : IDisposable
{
    private static readonly SubjectAlternativeNames Names = new(["node-1", "localhost"], [IPAddress.Loopback, IPAddress.Parse("10.1.0.5")]);

    private readonly string _directory = Directory.CreateTempSubdirectory("kubelet-pki-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_certificate_is_signed_by_its_own_host_ca_names_every_wanted_name_and_its_key_is_private()
    {
        using var certificate = KubeletServingCertificate.LoadOrCreateSelfSigned(_directory, "node-1", Names);

        Assert.Empty(Names.MissingFrom(certificate));
        Assert.StartsWith("node-1-ca@", certificate.Issuer["CN=".Length..], StringComparison.Ordinal);
        var bundle = Pem.Certificates(File.ReadAllText(Path.Combine(_directory, KubeletServingCertificate.CertificateFile)));
        Assert.Equal(2, bundle.Count); // the certificate, then the CA that signed it
        Assert.True(CertificateChains.IssuedBy(certificate, bundle[1], DateTimeOffset.UtcNow));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, KubeletServingCertificate.KeyFile)));
        }
    }

    [Fact]
    public void A_restart_reuses_the_certificate_while_it_names_everything()
    {
        using var first = KubeletServingCertificate.LoadOrCreateSelfSigned(_directory, "node-1", Names);
        using var second = KubeletServingCertificate.LoadOrCreateSelfSigned(_directory, "node-1", Names with { Addresses = [IPAddress.Loopback] });

        Assert.Equal(first.Thumbprint, second.Thumbprint);
    }

    [Fact]
    public void A_new_address_makes_a_new_certificate_that_names_it()
    {
        using var first = KubeletServingCertificate.LoadOrCreateSelfSigned(_directory, "node-1", Names);
        var moved = Names with { Addresses = [.. Names.Addresses, IPAddress.Parse("192.168.7.7")] };

        using var second = KubeletServingCertificate.LoadOrCreateSelfSigned(_directory, "node-1", moved);

        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
        Assert.Empty(moved.MissingFrom(second));
    }

    [Fact]
    public void A_damaged_key_file_is_replaced()
    {
        using var first = KubeletServingCertificate.LoadOrCreateSelfSigned(_directory, "node-1", Names);
        File.WriteAllText(Path.Combine(_directory, KubeletServingCertificate.KeyFile), "not a key");

        using var second = KubeletServingCertificate.LoadOrCreateSelfSigned(_directory, "node-1", Names);

        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
        Assert.True(second.HasPrivateKey);
    }
}
