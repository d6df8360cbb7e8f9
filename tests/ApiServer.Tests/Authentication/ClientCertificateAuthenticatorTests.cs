using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ApiServer.Authentication;

namespace Orchestrator.ApiServer.Tests.Authentication;

public sealed class ClientCertificateAuthenticatorTests
{
    [Fact]
    public void A_cached_acceptance_ends_when_the_certificate_expires_not_a_minute_later()
    {
        using var ca = CertificateAuthority.Create("ca");
        var start = DateTimeOffset.UtcNow;
        using var certificate = ClientCertificates.Issue(ca.Certificate, "jane", start.AddMinutes(-1), start.AddSeconds(30));
        var time = new FakeTimeProvider(start);
        using var authenticator = new ClientCertificateAuthenticator(ca.Certificate, time);

        var accepted = authenticator.Authenticate(certificate);
        time.Advance(TimeSpan.FromSeconds(31));
        var refused = authenticator.Authenticate(certificate);

        Assert.Equal("jane", accepted.User?.Name);
        Assert.Equal(["system:authenticated"], accepted.User!.Groups);
        Assert.Null(refused.User);
        Assert.NotNull(refused.Error);
    }

    [Fact]
    public void A_certificate_without_client_authentication_usage_is_refused()
    {
        using var ca = CertificateAuthority.Create("ca");
        using var serving = ca.IssueServing("server", ["localhost"], []);
        using var authenticator = new ClientCertificateAuthenticator(ca.Certificate, TimeProvider.System);

        var outcome = authenticator.Authenticate(serving);

        Assert.Null(outcome.User);
        Assert.StartsWith("verifying certificate SN=", outcome.Error, StringComparison.Ordinal);
    }
}
