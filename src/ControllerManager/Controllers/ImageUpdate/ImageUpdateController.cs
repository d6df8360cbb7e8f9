using Orchestrator.ApiMachinery.Images;
using Orchestrator.Client.Registry;

namespace Orchestrator.ControllerManager.Controllers.ImageUpdate;

/// <summary>
/// Not upstream's ("Patch Tuesday", docs/image-update.md): Deployments, StatefulSets and DaemonSets annotated
/// <c>orchestrator.dev/image-update: digest</c> have each container image <c>repo:tag[@sha256:…]</c> checked
/// against its registry every interval; when the tag points at another digest, the template's image becomes
/// <c>repo:tag@sha256:&lt;new&gt;</c> (a JSON patch guarded by a <c>test</c> of the old image), so the
/// workload's own controller rolls the pods, and an Event names the container and both digests. An image
/// without a digest is pinned on first observation. Credentials come from the template's imagePullSecrets.
/// </summary>
internal sealed partial class ImageUpdateController : ReconcilingController
{
    public const string ControllerName = "image-update";

    private static readonly TimeSpan MinRequeue = TimeSpan.FromMilliseconds(100);

    private readonly IInformer<V1Deployment> _deployments;
    private readonly IInformer<V1StatefulSet> _statefulSets;
    private readonly IInformer<V1DaemonSet> _daemonSets;
    private readonly ImageUpdateOptions _options;
    private readonly ImageTracker _tracker;
    private readonly RegistryClient? _ownedRegistry;
    private readonly ILogger _log;

    public ImageUpdateController(ControllerContext context, ImageUpdateOptions options)
        : this(context, options, null)
    {
    }

    /// <param name="registry">The registry client; null for a <see cref="RegistryClient"/> with the options' request timeout.</param>
    internal ImageUpdateController(ControllerContext context, ImageUpdateOptions options, IRegistryClient? registry)
        : base(context, "image-update-controller", maxRetryDelay: options.MaxBackoff)
    {
        _options = options;
        _ownedRegistry = registry is null ? new RegistryClient(new RegistryClientOptions { RequestTimeout = options.RequestTimeout }, context.Time) : null;
        _tracker = new ImageTracker(registry ?? _ownedRegistry!, context.Time, options);
        _log = context.Loggers.CreateLogger<ImageUpdateController>();
        _deployments = Runner.Watch(context.Informers.Deployments(), Handler<V1Deployment>(WorkloadKey.Deployment));
        _statefulSets = Runner.Watch(context.Informers.StatefulSets(), Handler<V1StatefulSet>(WorkloadKey.StatefulSet));
        _daemonSets = Runner.Watch(context.Informers.DaemonSets(), Handler<V1DaemonSet>(WorkloadKey.DaemonSet));
    }

    public override async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await base.RunAsync(ct);
        }
        finally
        {
            _ownedRegistry?.Dispose();
        }
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var (kind, name) = WorkloadKey.Parse(key);
        if (Find(kind, name) is not var (workload, template))
        {
            return ReconcileResult.Done;
        }

        var policy = workload.Metadata.Annotations?.TryGetValue(ImageUpdatePlanner.Annotation, out var value) == true ? value : null;
        if (policy is null)
        {
            return ReconcileResult.Done;
        }

        if (policy != ImageUpdatePlanner.DigestPolicy)
        {
            Context.Events.Record(workload, "Warning", "UnsupportedImageUpdatePolicy",
                $"{ImageUpdatePlanner.Annotation}: \"{policy}\" is not supported; the one policy is \"{ImageUpdatePlanner.DigestPolicy}\"");
            return ReconcileResult.Done;
        }

        var containers = Containers(template.Spec);
        var credentials = await PullCredentialsAsync(workload, template.Spec, ct);
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        var now = Context.Time.GetUtcNow();
        var due = now + _options.Interval;
        foreach (var tag in containers.Select(c => ImageUpdatePlanner.TagOf(c.Image, out _)).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var credential = DockerConfig.Lookup(credentials, ImageName.Parse(tag)) is { } found ? new RegistryCredential(found.Username, found.Password) : null;
            var check = await _tracker.CheckAsync(tag, credential, ct);
            if (check.Digest is not null)
            {
                current[tag] = check.Digest;
            }

            if (check.Error is not null)
            {
                Context.Events.Record(workload, "Warning", "ImageCheckFailed", check.Error);
            }

            due = check.NextCheck < due ? check.NextCheck : due;
        }

        var plan = ImageUpdatePlanner.Compute(containers, current);
        foreach (var reason in plan.Unfollowable)
        {
            _log.LogDebug("{Kind} {Workload}: {Reason}", kind, name, reason);
        }

        if (plan.Changes.Count > 0)
        {
            await PatchAsync(kind, name, plan.Changes, ct);
            foreach (var change in plan.Changes)
            {
                Context.Events.Record(workload, "Normal", change.Reason, change.Message);
            }
        }

        var wait = due - Context.Time.GetUtcNow();
        return ReconcileResult.After(wait < MinRequeue ? MinRequeue : wait);
    }

    /// <summary>The JSON patch: per change, a <c>test</c> of the image read from the cache, then its <c>replace</c>.</summary>
    internal static string Patch(IReadOnlyList<ImageChange> changes)
    {
        var operations = new JsonArray();
        foreach (var change in changes)
        {
            var path = $"/spec/template/spec/{change.Container.List}/{change.Container.Index}/image";
            operations.Add(new JsonObject { ["op"] = "test", ["path"] = path, ["value"] = change.Container.Image });
            operations.Add(new JsonObject { ["op"] = "replace", ["path"] = path, ["value"] = change.NewImage });
        }

        return operations.ToJsonString();
    }

    private static List<ContainerImage> Containers(V1PodSpec spec)
    {
        var containers = new List<ContainerImage>();
        for (var i = 0; i < (spec.InitContainers?.Count ?? 0); i++)
        {
            containers.Add(new ContainerImage("initContainers", i, spec.InitContainers![i].Name, spec.InitContainers[i].Image ?? ""));
        }

        for (var i = 0; i < (spec.Containers?.Count ?? 0); i++)
        {
            containers.Add(new ContainerImage("containers", i, spec.Containers![i].Name, spec.Containers[i].Image ?? ""));
        }

        return containers;
    }
}
