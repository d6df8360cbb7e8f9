namespace Orchestrator.Client;

/// <summary>
/// Records core/v1 Events about objects, like client-go's recorder: returns at once, writes in the
/// background, and folds repeats of the same (object, type, reason, message) into one Event whose
/// count and lastTimestamp go up. Losing an event under pressure is acceptable; blocking is not.
/// </summary>
public interface IEventRecorder
{
    /// <param name="regarding">The object the event is about.</param>
    /// <param name="type">"Normal" or "Warning".</param>
    /// <param name="reason">A short UpperCamelCase reason, e.g. "Scheduled".</param>
    /// <param name="message">A human-readable sentence.</param>
    void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message);

    /// <summary>The same recorder with another source component (one per controller, as upstream's); a recorder without sources answers itself.</summary>
    IEventRecorder For(string component) => this;
}
