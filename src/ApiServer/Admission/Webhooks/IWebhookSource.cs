namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// The configured webhooks, as immutable lists a reader takes without locking (<see cref="WebhookConfigurations"/>
/// keeps them from the watch caches). Thread-safe.
/// </summary>
internal interface IWebhookSource
{
    /// <summary>The mutating webhooks in the order they are called (configurations by name, then position).</summary>
    IReadOnlyList<WebhookDefinition> Mutating { get; }

    /// <summary>The validating webhooks, in the same order.</summary>
    IReadOnlyList<WebhookDefinition> Validating { get; }

    /// <summary>Blocks until the lists were loaded once, at most <paramref name="timeout"/>; false when they were not.</summary>
    bool WaitLoaded(TimeSpan timeout);
}
