using System.Collections.Concurrent;
using Orchestrator.Client.Registry;

namespace Orchestrator.ControllerManager.Controllers.ImageUpdate;

/// <summary>
/// Asks the registry about each <c>repo:tag</c> at most once per interval, shared by every workload that uses it:
/// a HEAD with the last ETag (a 304 keeps the digest), and per-image exponential back-off after failures
/// (<see cref="ImageUpdatePlanner.Backoff"/>). State lives in memory: a restarted controller reads every tag again.
/// Thread-safe.
/// </summary>
internal sealed class ImageTracker(IRegistryClient registry, TimeProvider time, ImageUpdateOptions options)
{
    private readonly ConcurrentDictionary<(string Tag, string? User), ImageState> _states = new();

    // A workload requeued after one interval must find its tags due, not a few milliseconds short of it.
    private TimeSpan Fresh => options.Interval - (options.Interval / 10);

    public async Task<ImageCheck> CheckAsync(string tag, RegistryCredential? credential, CancellationToken ct)
    {
        var key = (tag, credential?.Username);
        var now = time.GetUtcNow();
        _states.TryGetValue(key, out var state);
        if (state is not null && now < state.NextCheck)
        {
            return new ImageCheck(state.Failures == 0 ? state.Digest : null, null, state.NextCheck);
        }

        ImageState next;
        string? error = null;
        try
        {
            var ifNoneMatch = state is { Digest: not null, Failures: 0 } ? state.ETag : null;
            var head = await registry.HeadManifestAsync(tag, credential, ifNoneMatch, ct);
            next = head.Status switch
            {
                ManifestHeadStatus.Found => new ImageState(head.Digest, head.ETag, 0, now + Fresh),
                ManifestHeadStatus.NotModified when state?.Digest is not null => state with { Failures = 0, NextCheck = now + Fresh },
                _ => Failed(state, now, out error, $"{tag}: the registry has no such tag (404)"),
            };
        }
        catch (RegistryException e)
        {
            next = Failed(state, now, out error, e.Message);
        }

        _states[key] = next;
        return new ImageCheck(next.Failures == 0 ? next.Digest : null, error, next.NextCheck);
    }

    private ImageState Failed(ImageState? state, DateTimeOffset now, out string error, string message)
    {
        var failures = (state?.Failures ?? 0) + 1;
        var wait = ImageUpdatePlanner.Backoff(options.Interval, options.MaxBackoff, failures);
        error = $"{message} (failure {failures}; next check in {wait})";
        return new ImageState(state?.Digest, state?.ETag, failures, now + wait);
    }
}
