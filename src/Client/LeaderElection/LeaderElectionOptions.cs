namespace Orchestrator.Client;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease. Defaults are kube-controller-manager's:
/// a lease lasts 15 s, the leader gives up if it cannot renew within 10 s, and everyone retries
/// every 2 s.
/// </summary>
public sealed record LeaderElectionOptions(string LeaseName, string Identity)
{
    public string LeaseNamespace { get; init; } = "kube-system";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws when the durations cannot work together (as client-go validates them).</summary>
    public void Validate()
    {
        if (RetryPeriod <= TimeSpan.Zero || RenewDeadline <= RetryPeriod || LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException("leader election needs 0 < retryPeriod < renewDeadline < leaseDuration");
        }

        if (string.IsNullOrEmpty(LeaseName) || string.IsNullOrEmpty(Identity))
        {
            throw new ArgumentException("leader election needs a lease name and an identity");
        }
    }
}
