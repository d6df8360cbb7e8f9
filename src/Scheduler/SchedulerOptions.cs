using Orchestrator.Scheduler.Plugins.ImagePlatform;

namespace Orchestrator.Scheduler;

/// <summary>Scheduler settings, with upstream defaults unless noted. Validated by <see cref="Validate"/> at start-up.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Pods whose spec.schedulerName equals this (unset means "default-scheduler") are ours.</summary>
    public string SchedulerName { get; init; } = "default-scheduler";

    /// <summary>Run only while holding the kube-system/kube-scheduler Lease (default true); used by <see cref="SchedulerHost.RunAsync"/>.</summary>
    public bool LeaderElect { get; init; } = true;

    /// <summary>This replica's identity in the Lease (default: host name + random suffix).</summary>
    public string Identity { get; init; } = Environment.MachineName + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>0 = adaptive (50 - nodes/125, at least 5%); otherwise the percentage of nodes to find feasible before scoring.</summary>
    public int PercentageOfNodesToScore { get; init; }

    public TimeSpan PodInitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan PodMaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unschedulable pods are retried after this long even without a cluster event (upstream: 5 minutes).</summary>
    public TimeSpan PodMaxInUnschedulable { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an assumed pod whose binding returned may wait for the informer to confirm it.</summary>
    public TimeSpan AssumedPodTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bindings in flight at once; the scheduling loop waits when this many are outstanding.</summary>
    public int MaxConcurrentBindings { get; init; } = 64;

    /// <summary>Plugins to enable, by upstream name; null enables all in-tree plugins.</summary>
    public IReadOnlyCollection<string>? Plugins { get; init; }

    /// <summary>Score weights by plugin name; null uses upstream's defaults.</summary>
    public IReadOnlyDictionary<string, int>? ScoreWeights { get; init; }

    /// <summary>How the ImagePlatform plugin caches what registries answer.</summary>
    public ImagePlatformOptions ImagePlatform { get; init; } = new();

    /// <summary>Where the ImagePlatform plugin reads image indexes; null: a <see cref="RegistryClient"/> with its defaults.</summary>
    public IRegistryClient? ImageRegistry { get; init; }

    /// <summary>Seed for tie-breaking between equally scored nodes; null picks one at random.</summary>
    public int? RandomSeed { get; init; }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(SchedulerName))
        {
            throw new ArgumentException("SchedulerName must be set", nameof(SchedulerName));
        }

        if (PercentageOfNodesToScore is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(PercentageOfNodesToScore), PercentageOfNodesToScore, "must be 0..100");
        }

        if (PodInitialBackoff <= TimeSpan.Zero || PodMaxBackoff < PodInitialBackoff)
        {
            throw new ArgumentException("backoffs must satisfy 0 < PodInitialBackoff <= PodMaxBackoff");
        }

        ImagePlatform.Validate();
        if (MaxConcurrentBindings < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentBindings), MaxConcurrentBindings, "must be at least 1");
        }
    }
}
