using Orchestrator.Host.Commands;

namespace Orchestrator.Orchestrator.Tests.Commands;

/// <summary>When the kubelet renews its client certificate: at 80 % of the lifetime it has from receipt.</summary>
public sealed class ClientCertificateRotationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 3650, 0, 2920)] // not backdated: 80 % of ten days
    [InlineData(-5, 3600, 0, 2880)] // backdated five minutes, received at T0: the backdate does not count
    [InlineData(-5, 15, 0, 12)] // a short certificate is not renewed at once
    [InlineData(-5, 3600, 1200, 3120)] // a restart reads the receipt time from the kubeconfig
    [InlineData(0, 100, 500, 80)] // a receipt time outside the validity is ignored
    public void Deadline_is_80_percent_from_receipt(int notBeforeMinutes, int notAfterMinutes, int receivedMinutes, int expectedMinutes)
    {
        var deadline = ClientCertificateRotation.Deadline(T0.AddMinutes(notBeforeMinutes), T0.AddMinutes(notAfterMinutes), T0.AddMinutes(receivedMinutes));
        Assert.Equal(T0.AddMinutes(expectedMinutes), deadline);
    }
}
