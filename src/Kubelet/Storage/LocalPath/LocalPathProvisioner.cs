using Orchestrator.Client.Errors;

namespace Orchestrator.Kubelet.Storage.LocalPath;

/// <summary>
/// The built-in local-path provisioner of one node (the role of rancher's local-path-provisioner, run beside the
/// kubelet instead of through helper pods), level-triggered: every change of a claim, volume or StorageClass, and
/// every <see cref="LocalPathOptions.ResyncPeriod"/>, one sync of a single key plans from the informer caches
/// (<see cref="LocalPathPlanner"/>) and applies the plan: a directory and a pre-bound PersistentVolume per claim
/// (events Provisioning, ProvisioningSucceeded or ProvisioningFailed on the claim, as the external-provisioner
/// library words them; the PV controller then binds), the directory then the PersistentVolume of each Released
/// volume with reclaim policy Delete. Every action is tried; the first failure is rethrown after the others, and
/// the shared runner retries with backoff. It runs with its own identity (ClusterRole
/// system:orchestrator:local-path-provisioner): the Node authorizer lets no kubelet create PersistentVolumes.
/// </summary>
public sealed partial class LocalPathProvisioner : ReconcilingController
{
    private static readonly NamespacedName Key = new(string.Empty, "local-path");
    private static readonly UnixFileMode DirectoryMode = (UnixFileMode)0b111_111_111; // 0777, as rancher's setup script: pods of any user write there

    private readonly LocalPathOptions _options;
    private readonly IInformer<V1PersistentVolumeClaim> _claims;
    private readonly IInformer<V1PersistentVolume> _volumes;
    private readonly IInformer<V1StorageClass> _classes;
    private readonly ILogger _logger;

    // The resourceVersion each rejected claim had when its ProvisioningFailed event was recorded: one event per change.
    private readonly Dictionary<string, string?> _rejected = new(StringComparer.Ordinal);

    public LocalPathProvisioner(ControllerContext context, LocalPathOptions options)
        : base(context, "local-path-provisioner", workers: 1)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = context.Loggers.CreateLogger<LocalPathProvisioner>();
        _claims = Runner.Watch(context.Informers.PersistentVolumeClaims(), ResourceEventHandler<V1PersistentVolumeClaim>.ForEach(_ => Runner.Enqueue(Key)));
        _volumes = Runner.Watch(context.Informers.PersistentVolumes(), ResourceEventHandler<V1PersistentVolume>.ForEach(_ => Runner.Enqueue(Key)));
        _classes = Runner.Watch(context.Informers.StorageClasses(), ResourceEventHandler<V1StorageClass>.ForEach(_ => Runner.Enqueue(Key)));
    }

    public override Task RunAsync(CancellationToken ct)
    {
        Runner.Enqueue(Key);
        return base.RunAsync(ct);
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var plan = LocalPathPlanner.Plan(_claims.Cache.List(), _volumes.Cache.List(), _classes.Cache.List(), _options);
        Exception? first = null;
        foreach (var provision in plan.Provision)
        {
            first ??= await TryAsync(() => ProvisionAsync(provision, ct));
        }

        foreach (var delete in plan.Delete)
        {
            first ??= await TryAsync(() => DeleteAsync(delete, ct));
        }

        RecordRejections(plan.Reject);
        return first is null ? ReconcileResult.After(_options.ResyncPeriod) : throw first;
    }

    private async Task ProvisionAsync(ProvisionVolume provision, CancellationToken ct)
    {
        var claim = provision.Claim;
        var name = $"{claim.Metadata.NamespaceProperty}/{claim.Metadata.Name}";
        Context.Events.Record(claim, "Normal", "Provisioning", $"External provisioner is provisioning volume for claim \"{name}\"");
        try
        {
            if (!Directory.Exists(provision.Directory))
            {
                UnixFiles.CreateDirectory(provision.Directory, DirectoryMode);
            }

            await Context.Client.CoreV1.CreatePersistentVolumeAsync(provision.Volume, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsAlreadyExists(e))
        {
            // Made by an earlier pass whose watch event has not arrived yet: the same volume.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or k8s.Autorest.HttpOperationException)
        {
            var message = $"failed to provision volume with StorageClass \"{claim.Spec.StorageClassName}\": {(e is k8s.Autorest.HttpOperationException ? ApiFailures.Message(e) : e.Message)}";
            Context.Events.Record(claim, "Warning", "ProvisioningFailed", message);
            throw;
        }

        _rejected.Remove(claim.Metadata.Uid);
        Context.Events.Record(claim, "Normal", "ProvisioningSucceeded", $"Successfully provisioned volume {provision.Volume.Metadata.Name}");
        LogProvisioned(provision.Volume.Metadata.Name, name, provision.Directory);
    }

    private async Task DeleteAsync(DeleteVolume delete, CancellationToken ct)
    {
        var volume = delete.Volume;
        if (delete.Error is not null)
        {
            Context.Events.Record(volume, "Warning", "VolumeFailedDelete", delete.Error);
            LogNotDeleted(volume.Metadata.Name, delete.Error);
            return;
        }

        try
        {
            if (delete.Directory is { } directory && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            await Context.Client.CoreV1.DeletePersistentVolumeAsync(volume.Metadata.Name, new V1DeleteOptions
            {
                // Only the volume this plan looked at: one re-created under the same name is not ours to delete.
                Preconditions = new V1Preconditions { Uid = volume.Metadata.Uid },
            }, cancellationToken: ct);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e))
        {
            // Already gone.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or k8s.Autorest.HttpOperationException)
        {
            Context.Events.Record(volume, "Warning", "VolumeFailedDelete", e is k8s.Autorest.HttpOperationException ? ApiFailures.Message(e) : e.Message);
            throw;
        }

        LogDeleted(volume.Metadata.Name, delete.Directory ?? string.Empty);
    }

    private void RecordRejections(IReadOnlyList<RejectClaim> rejections)
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reject in rejections)
        {
            var meta = reject.Claim.Metadata;
            current.Add(meta.Uid);
            if (!_rejected.TryGetValue(meta.Uid, out var version) || version != meta.ResourceVersion)
            {
                _rejected[meta.Uid] = meta.ResourceVersion;
                Context.Events.Record(reject.Claim, "Warning", "ProvisioningFailed", reject.Message);
                LogRejected(meta.NamespaceProperty, meta.Name, reject.Message);
            }
        }

        foreach (var uid in _rejected.Keys.Where(uid => !current.Contains(uid)).ToList())
        {
            _rejected.Remove(uid);
        }
    }

    private static async Task<Exception?> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or k8s.Autorest.HttpOperationException)
        {
            return e;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local path: provisioned volume {Volume} for claim {Claim} in {Directory}")]
    private partial void LogProvisioned(string volume, string claim, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local path: deleted volume {Volume} and its directory {Directory}")]
    private partial void LogDeleted(string volume, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local path: not deleting volume {Volume}: {Reason}")]
    private partial void LogNotDeleted(string volume, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local path: cannot provision claim {Namespace}/{Claim}: {Reason}")]
    private partial void LogRejected(string @namespace, string claim, string reason);
}
