using Orchestrator.ApiMachinery.Resources;

namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// Upstream's ValidateVolumes: DNS-1123 label names, unique, exactly one source each, and the
/// required fields of the common sources (hostPath, emptyDir, secret, configMap, claims, NFS,
/// downward API, projected).
/// </summary>
internal static class VolumeValidation
{
    /// <summary>The source fields in upstream's check order; the paths its "more than 1" errors use differ for two of them.</summary>
    private static readonly (string Field, string ErrorPath)[] Sources =
    [
        ("emptyDir", "emptyDir"), ("hostPath", "hostPath"), ("gitRepo", "gitRepo"), ("gcePersistentDisk", "gcePersistentDisk"),
        ("awsElasticBlockStore", "awsElasticBlockStore"), ("secret", "secret"), ("nfs", "nfs"), ("iscsi", "iscsi"),
        ("glusterfs", "glusterfs"), ("flocker", "flocker"), ("persistentVolumeClaim", "persistentVolumeClaim"), ("rbd", "rbd"),
        ("cinder", "cinder"), ("cephfs", "cephFS"), ("quobyte", "quobyte"), ("downwardAPI", "downwarAPI"), ("fc", "fc"),
        ("flexVolume", "flexVolume"), ("configMap", "configMap"), ("azureFile", "azureFile"), ("vsphereVolume", "vsphereVolume"),
        ("photonPersistentDisk", "photonPersistentDisk"), ("portworxVolume", "portworxVolume"), ("azureDisk", "azureDisk"),
        ("storageos", "storageos"), ("projected", "projected"), ("scaleIO", "scaleIO"), ("csi", "csi"), ("ephemeral", "ephemeral"),
        ("image", "image"),
    ];

    private static readonly string[] HostPathTypes = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];

    /// <summary>Validates <c>volumes</c> and returns the names of the valid ones (mounts may refer only to those, as upstream).</summary>
    public static HashSet<string> Validate(JsonObject? spec, string path, List<StatusCause> causes)
    {
        var valid = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, volume) in JsonFields.Items(spec, "volumes"))
        {
            var at = $"{path}.volumes[{i}]";
            var problems = new List<StatusCause>();
            Source(volume, at, problems);
            var name = JsonFields.Text(volume["name"]) ?? "";
            if (name.Length == 0)
            {
                problems.Add(FieldErrors.Required($"{at}.name"));
            }
            else
            {
                problems.AddRange(NameValidation.Dns1123Label(name).Select(p => FieldErrors.InvalidText($"{at}.name", name, p)));
            }

            if (seen.Contains(name))
            {
                problems.Add(FieldErrors.Duplicate($"{at}.name", name));
            }

            if (problems.Count == 0)
            {
                seen.Add(name);
                valid.Add(name);
            }

            causes.AddRange(problems);
        }

        return valid;
    }

    private static void Source(JsonObject volume, string at, List<StatusCause> causes)
    {
        var count = 0;
        foreach (var (field, errorPath) in Sources)
        {
            if (volume[field] is not JsonObject source)
            {
                continue;
            }

            if (count++ > 0)
            {
                causes.Add(FieldErrors.Forbidden($"{at}.{errorPath}", "may not specify more than 1 volume type"));
                continue;
            }

            Check(field, source, $"{at}.{field}", causes);
        }

        if (count == 0)
        {
            causes.Add(FieldErrors.Required(at, "must specify a volume type"));
        }
    }

    private static void Check(string kind, JsonObject source, string at, List<StatusCause> causes)
    {
        switch (kind)
        {
            case "emptyDir":
                if (JsonFields.Text(source["sizeLimit"]) is { } limit && Quantity.TryParse(limit, out var size, out _) && size.Sign < 0)
                {
                    causes.Add(FieldErrors.Forbidden($"{at}.sizeLimit", "SizeLimit field must be a valid resource quantity"));
                }

                break;
            case "hostPath":
                HostPath(source, at, causes);
                break;
            case "secret":
                Required(source, "secretName", at, causes);
                FileModes(source, at, causes);
                break;
            case "configMap":
                Required(source, "name", at, causes);
                FileModes(source, at, causes);
                break;
            case "persistentVolumeClaim":
                Required(source, "claimName", at, causes);
                break;
            case "nfs":
                Required(source, "server", at, causes);
                Required(source, "path", at, causes);
                if (!(JsonFields.Text(source["path"]) ?? "").StartsWith('/'))
                {
                    causes.Add(FieldErrors.InvalidText($"{at}.path", JsonFields.Text(source["path"]) ?? "", "must be an absolute path"));
                }

                break;
            case "downwardAPI":
                Mode(source["defaultMode"], $"{at}.defaultMode", causes);
                foreach (var (_, file) in JsonFields.Items(source, "items"))
                {
                    DownwardFile(file, at, causes);
                }

                break;
        }
    }

    private static void HostPath(JsonObject source, string at, List<StatusCause> causes)
    {
        var path = JsonFields.Text(source["path"]) ?? "";
        if (path.Length == 0)
        {
            causes.Add(FieldErrors.Required($"{at}.path"));
            return;
        }

        PathRules.NoBacksteps(path, $"{at}.path", causes);
        var type = JsonFields.Text(source["type"]) ?? "";
        if (!HostPathTypes.Contains(type))
        {
            causes.Add(FieldErrors.NotSupported($"{at}.type", type, HostPathTypes));
        }
    }

    private static void FileModes(JsonObject source, string at, List<StatusCause> causes)
    {
        Mode(source["defaultMode"], $"{at}.defaultMode", causes);
        foreach (var (i, item) in JsonFields.Items(source, "items"))
        {
            var itemPath = $"{at}.items[{i}]";
            Required(item, "key", itemPath, causes);
            Required(item, "path", itemPath, causes);
            PathRules.LocalNonReserved(JsonFields.Text(item["path"]) ?? "", $"{itemPath}.path", causes);
            Mode(item["mode"], $"{itemPath}.mode", causes);
        }
    }

    private static void DownwardFile(JsonObject file, string at, List<StatusCause> causes)
    {
        Required(file, "path", at, causes);
        PathRules.LocalNonReserved(JsonFields.Text(file["path"]) ?? "", $"{at}.path", causes);
        var hasField = file["fieldRef"] is JsonObject;
        var hasResource = file["resourceFieldRef"] is JsonObject;
        if (hasField && hasResource)
        {
            causes.Add(FieldErrors.InvalidText(at, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
        }
        else if (!hasField && !hasResource)
        {
            causes.Add(FieldErrors.Required(at, "one of fieldRef and resourceFieldRef is required"));
        }

        Mode(file["mode"], $"{at}.mode", causes);
    }

    private static void Required(JsonObject source, string field, string at, List<StatusCause> causes)
    {
        if (JsonFields.Text(source[field]) is null or "")
        {
            causes.Add(FieldErrors.Required($"{at}.{field}"));
        }
    }

    private static void Mode(JsonNode? node, string path, List<StatusCause> causes)
    {
        if (JsonFields.Integer(node) is { } mode && mode is < 0 or > 511)
        {
            causes.Add(FieldErrors.InvalidNumber(path, mode, "must be a number between 0 and 0777 (octal), both inclusive"));
        }
    }
}
