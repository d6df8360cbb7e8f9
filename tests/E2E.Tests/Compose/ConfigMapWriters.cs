using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Orchestrator.E2E.Tests.Compose;

/// <summary>
/// Concurrent writers creating ConfigMaps through the API, each retrying a failed create under a new name: what
/// the server acknowledged (201) is recorded with the time, so a test can check that every acknowledged write
/// survived and measure the longest time no write was acknowledged (the write gap).
/// </summary>
internal sealed class ConfigMapWriters(IKubernetes client, string ns, int writers)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    private readonly ConcurrentBag<(string Name, TimeSpan At)> _acknowledged = [];
    private readonly ConcurrentQueue<(TimeSpan At, string Error)> _failures = [];
    private readonly Stopwatch _clock = new();

    public IReadOnlyCollection<string> Acknowledged => [.. _acknowledged.Select(a => a.Name)];

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Writes until <paramref name="ct"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken ct)
    {
        _clock.Start();
        return Task.WhenAll(Enumerable.Range(0, writers).Select(w => WriteAsync(w, ct)));
    }

    /// <summary>
    /// What the failed writes in [<paramref name="from"/>, <paramref name="to"/>] said, oldest first, one line per
    /// distinct error with its count and first time relative to <paramref name="from"/>: for a failure message.
    /// </summary>
    public string FailuresBetween(TimeSpan from, TimeSpan to)
    {
        var lines = _failures.Where(f => f.At >= from && f.At <= to)
            .GroupBy(f => f.Error)
            .Select(g => (First: g.Min(f => f.At) - from, Count: g.Count(), Error: g.Key))
            .OrderBy(f => f.First)
            .Select(f => FormattableString.Invariant($"+{f.First.TotalSeconds:0.00} s ×{f.Count}: {f.Error}"))
            .ToList();
        return lines.Count == 0 ? "no failed writes" : string.Join("\n", lines);
    }

    /// <summary>The longest interval in [<paramref name="from"/>, <paramref name="to"/>] without an acknowledged write.</summary>
    public TimeSpan LongestGap(TimeSpan from, TimeSpan to)
    {
        var times = _acknowledged.Select(a => a.At).Where(t => t >= from && t <= to).Order().Prepend(from).Append(to).ToList();
        return times.Zip(times.Skip(1), (a, b) => b - a).Max();
    }

    private async Task WriteAsync(int writer, CancellationToken ct)
    {
        for (var i = 0; !ct.IsCancellationRequested; i++)
        {
            var name = $"w{writer}-{i}";
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(RequestTimeout);
            try
            {
                await client.CoreV1.CreateNamespacedConfigMapAsync(
                    new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["writer"] = name } },
                    ns, cancellationToken: timeout.Token);
                _acknowledged.Add((name, _clock.Elapsed));
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or k8s.Autorest.HttpOperationException or IOException)
            {
                // Not acknowledged (the server may or may not have stored it): the next name is tried at once.
                if (ct.IsCancellationRequested)
                {
                    return;
                }

                _failures.Enqueue((_clock.Elapsed, Describe(e)));

                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    /// <summary>The error without per-request details (names, times), so equal failures group together.</summary>
    private static string Describe(Exception e) => e switch
    {
        k8s.Autorest.HttpOperationException http => $"{(int)http.Response.StatusCode} {Truncate(http.Response.Content)}",
        OperationCanceledException => $"no answer within {RequestTimeout.TotalSeconds:0} s",
        _ => $"{e.GetType().Name}: {Truncate(e.Message)}",
    };

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 300 ? text : text[..300];
}
