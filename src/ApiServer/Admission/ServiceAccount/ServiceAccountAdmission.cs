namespace Orchestrator.ApiServer.Admission.ServiceAccount;

/// <summary>
/// Upstream's ServiceAccount admission for new pods (plugin/pkg/admission/serviceaccount): the pod runs
/// as <c>default</c> unless it names an account; the account must exist (403 otherwise, upstream's
/// text); the account's imagePullSecrets are used when the pod has none; and unless automounting is
/// off (on the pod, else on the account) every container gets the <c>kube-api-access-*</c> projected
/// volume at <see cref="MountPath"/>: a bound token from TokenRequest, the cluster CA from the
/// <c>kube-root-ca.crt</c> ConfigMap and the namespace. Mirror pods (static pods) are left alone.
/// </summary>
internal sealed class ServiceAccountAdmission(IObjectLookup objects, ResourceRegistry registry) : IAdmissionPlugin
{
    public const string MountPath = "/var/run/secrets/kubernetes.io/serviceaccount";
    public const string DefaultServiceAccount = "default";
    public const string VolumePrefix = "kube-api-access-";

    /// <summary>Upstream's token lifetime for the projected volume: an hour and 7 s (the 7 s tell the kubelet's refresh apart).</summary>
    public const long TokenExpirationSeconds = 3607;

    private const string MirrorAnnotation = "kubernetes.io/config.mirror";
    private const string RandomAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private readonly ResourceDefinition _serviceAccounts = registry.Find("", "v1", "serviceaccounts")!;

    public string Name => "ServiceAccount";

    public bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Create;

    /// <exception cref="ApiException">403 when the pod's service account does not exist.</exception>
    public void Admit(AdmissionAttributes attributes)
    {
        if (attributes.Resource is not { Group: "", Plural: "pods" } || attributes.Subresource is not null || IsMirror(attributes.Object))
        {
            return;
        }

        var spec = JsonFields.Child(attributes.Object, "spec");
        var accountName = JsonFields.Text(spec["serviceAccountName"]) is { Length: > 0 } named ? named : DefaultServiceAccount;
        spec["serviceAccountName"] = accountName;
        var account = objects.Find(_serviceAccounts, attributes.Namespace, accountName)
            ?? throw ApiErrors.Forbidden(attributes.Resource, attributes.Name,
                $"error looking up service account {attributes.Namespace}/{accountName}: serviceaccount \"{accountName}\" not found");

        if (spec["imagePullSecrets"] is not JsonArray { Count: > 0 } && account["imagePullSecrets"] is JsonArray { Count: > 0 } pullSecrets)
        {
            spec["imagePullSecrets"] = pullSecrets.DeepClone();
        }

        if (ShouldAutomount(spec, account))
        {
            Mount(spec);
        }
    }

    private static bool IsMirror(JsonObject pod) =>
        pod["metadata"]?["annotations"] is JsonObject annotations && annotations.ContainsKey(MirrorAnnotation);

    /// <summary>The pod's own setting wins; then the account's; automount by default.</summary>
    private static bool ShouldAutomount(JsonObject spec, JsonObject account) =>
        spec["automountServiceAccountToken"] is JsonValue podValue && podValue.TryGetValue<bool>(out var pod)
            ? pod
            : account["automountServiceAccountToken"] is not JsonValue accountValue || !accountValue.TryGetValue<bool>(out var fromAccount) || fromAccount;

    private static void Mount(JsonObject spec)
    {
        var containers = JsonFields.Items(spec, "initContainers").Concat(JsonFields.Items(spec, "containers")).Select(c => c.Item).ToList();
        var needing = containers.Where(c => !JsonFields.Items(c, "volumeMounts").Any(m => JsonFields.Text(m.Item["mountPath"]) == MountPath)).ToList();
        if (needing.Count == 0)
        {
            return;
        }

        var volumes = spec["volumes"] as JsonArray ?? [];
        spec["volumes"] = volumes;
        var existing = volumes.OfType<JsonObject>().FirstOrDefault(v => JsonFields.Text(v["name"])?.StartsWith(VolumePrefix, StringComparison.Ordinal) == true && v["projected"] is not null);
        var volumeName = existing is null ? NewVolumeName(volumes) : JsonFields.Text(existing["name"])!;
        if (existing is null)
        {
            volumes.Add(Volume(volumeName));
        }

        foreach (var container in needing)
        {
            var mounts = container["volumeMounts"] as JsonArray ?? [];
            container["volumeMounts"] = mounts;
            mounts.Add(new JsonObject { ["name"] = volumeName, ["readOnly"] = true, ["mountPath"] = MountPath });
        }
    }

    private static JsonObject Volume(string name) => new()
    {
        ["name"] = name,
        ["projected"] = new JsonObject
        {
            ["defaultMode"] = 420,
            ["sources"] = new JsonArray(
                new JsonObject { ["serviceAccountToken"] = new JsonObject { ["expirationSeconds"] = TokenExpirationSeconds, ["path"] = "token" } },
                new JsonObject
                {
                    ["configMap"] = new JsonObject
                    {
                        ["name"] = "kube-root-ca.crt",
                        ["items"] = new JsonArray(new JsonObject { ["key"] = "ca.crt", ["path"] = "ca.crt" }),
                    },
                },
                new JsonObject
                {
                    ["downwardAPI"] = new JsonObject
                    {
                        ["items"] = new JsonArray(new JsonObject
                        {
                            ["path"] = "namespace",
                            ["fieldRef"] = new JsonObject { ["apiVersion"] = "v1", ["fieldPath"] = "metadata.namespace" },
                        }),
                    },
                }),
        },
    };

    /// <summary>kube-api-access- and five characters of upstream's name-generator alphabet, unused in the pod.</summary>
    private static string NewVolumeName(JsonArray volumes)
    {
        var taken = volumes.OfType<JsonObject>().Select(v => JsonFields.Text(v["name"])).ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var name = VolumePrefix + new string(Enumerable.Range(0, 5).Select(_ => RandomAlphabet[Random.Shared.Next(RandomAlphabet.Length)]).ToArray());
            if (!taken.Contains(name))
            {
                return name;
            }
        }
    }
}
