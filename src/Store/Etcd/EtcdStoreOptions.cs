namespace Orchestrator.Store.Etcd;

/// <summary>How an <see cref="EtcdStore"/> reaches etcd and where its keys live there.</summary>
/// <param name="Endpoints">
/// Client URLs of the etcd members, all <c>http://</c> or all <c>https://</c> (system trust store),
/// e.g. <c>http://127.0.0.1:2379</c>. Calls go to the first; after a failure, to the next (see <see cref="EtcdEndpoints"/>).
/// </param>
internal sealed record EtcdStoreOptions(IReadOnlyList<Uri> Endpoints)
{
    /// <summary>
    /// Prepended to every key on the way in and stripped on the way out (e.g. <c>/registry</c>), so
    /// several stores can share one etcd. Empty uses the whole key space.
    /// </summary>
    public string KeyPrefix { get; init; } = "";

    /// <summary>
    /// How long one attempt at a read or write may take before it is abandoned and (when safe) sent
    /// again to the next member; doubles after each round of members that all ran out of time. A write
    /// forwarded to a leader that just died would otherwise wait for etcd's own request timeout
    /// (5 s + 2 election timeouts), and a call on a connection gone silent for the keep-alive pings.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a call keeps being retried across elections and lost connections before its last error is thrown.</summary>
    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Clock for lease reuse and watch progress timers.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Options for one endpoint, e.g. <c>EtcdStoreOptions.For("http://127.0.0.1:2379", "/registry")</c>.</summary>
    public static EtcdStoreOptions For(string endpoint, string keyPrefix = "") =>
        new([new Uri(endpoint, UriKind.Absolute)]) { KeyPrefix = keyPrefix };
}
