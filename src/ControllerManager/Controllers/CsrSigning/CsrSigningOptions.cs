namespace Orchestrator.ControllerManager.Controllers.CsrSigning;

/// <summary>
/// The cluster CA the signer issues from (upstream --cluster-signing-cert-file / --cluster-signing-key-file,
/// PEM) and the longest lifetime it gives (--cluster-signing-duration, default one year).
/// </summary>
public sealed record CsrSigningOptions
{
    public string? CertFile { get; init; }

    public string? KeyFile { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromDays(365);
}
