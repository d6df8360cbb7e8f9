using k8s.Models;

namespace Orchestrator.ApiServer.OpenApi.Schemas;

/// <summary>
/// Upstream schema names (<c>io.k8s.api.apps.v1.Deployment</c>) for the CLR model types reachable
/// from a set of top-level kinds. A KubernetesClient type name keeps only the version and the Go type
/// name (V1PodSpec), so the Go package is recovered by walking the fields: a type belongs to the
/// package of the first kind that reaches it, with the core kinds walked first. The few types that
/// rule gets wrong (apimachinery's meta types, alpha types pulled in from another group) are listed.
/// </summary>
internal sealed partial class SchemaNaming
{
    private const string MetaPrefix = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    /// <summary>Schema of V1Status, the body of DELETE responses and errors.</summary>
    public const string Status = MetaPrefix + "Status";

    /// <summary>Schema of V1DeleteOptions, the optional body of DELETE requests.</summary>
    public const string DeleteOptions = MetaPrefix + "DeleteOptions";

    /// <summary>apimachinery's meta/v1 types: every API group references them, none owns them.</summary>
    private static readonly FrozenSet<Type> MetaTypes = new[]
    {
        typeof(V1ObjectMeta), typeof(V1ListMeta), typeof(V1LabelSelector), typeof(V1LabelSelectorRequirement),
        typeof(V1OwnerReference), typeof(V1ManagedFieldsEntry), typeof(V1Condition), typeof(V1Status),
        typeof(V1StatusDetails), typeof(V1StatusCause), typeof(V1DeleteOptions), typeof(V1Preconditions),
    }.ToFrozenSet();

    /// <summary>
    /// Types first reached from a kind of another package: the pod template (no served core kind
    /// embeds it, only workloads do) and the workload-scheduling alpha types a Job embeds.
    /// </summary>
    private static readonly FrozenDictionary<Type, string> PackageOverrides = new Dictionary<Type, string>
    {
        [typeof(V1PodTemplateSpec)] = "core",
        [typeof(V1alpha3TopologyConstraint)] = "scheduling",
        [typeof(V1alpha3WorkloadPodGroupDisruptionMode)] = "scheduling",
        [typeof(V1alpha3WorkloadPodGroupGangSchedulingPolicy)] = "scheduling",
        [typeof(V1alpha3WorkloadPodGroupResourceClaim)] = "scheduling",
        [typeof(V1alpha3WorkloadPodGroupSchedulingConstraints)] = "scheduling",
        [typeof(V1alpha3WorkloadPodGroupSchedulingPolicy)] = "scheduling",
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<Type, string> _names;

    private SchemaNaming(FrozenDictionary<Type, string> names) => _names = names;

    /// <summary>Every model type named, i.e. everything reachable from the roots.</summary>
    public IEnumerable<Type> Types => _names.Keys;

    /// <summary>
    /// Names every model reachable from <paramref name="roots"/>. Each root must be a top-level kind
    /// (it declares its group); roots of the core group are walked first so that shared core types
    /// (PodTemplateSpec, ObjectReference …) are not claimed by the first workload that embeds them.
    /// </summary>
    public static SchemaNaming Build(IEnumerable<Type> roots)
    {
        var packages = new Dictionary<Type, string>();
        foreach (var root in roots.OrderBy(r => GroupOf(r).Length == 0 ? 0 : 1))
        {
            // Each root's closure is finished before the next root starts: "first reached" then
            // means "reached from the earliest root", not "nearest to some root".
            var queue = new Queue<(Type Type, string Package)>();
            queue.Enqueue((root, PackageOfGroup(GroupOf(root))));
            while (queue.Count > 0)
            {
                var (type, inherited) = queue.Dequeue();
                if (packages.ContainsKey(type))
                {
                    continue;
                }

                var package = OwnPackage(type) ?? inherited;
                packages[type] = package;
                foreach (var referenced in ModelTypes.ReferencedModels(type))
                {
                    queue.Enqueue((referenced, package));
                }
            }
        }

        var names = packages.ToDictionary(p => p.Key, p => NameOf(p.Key, p.Value));
        var clash = names.GroupBy(n => n.Value).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException(
                $"Schema name {clash.Key} claimed by {string.Join(", ", clash.Select(c => c.Key.Name))}; add a package override");
        }

        return new SchemaNaming(names.ToFrozenDictionary());
    }

    /// <summary>The upstream schema name of <paramref name="model"/>; throws for a type outside the reachable set.</summary>
    public string NameOf(Type model) =>
        _names.TryGetValue(model, out var name)
            ? name
            : throw new InvalidOperationException($"{model} is not reachable from the served kinds, so it has no schema name");

    /// <summary>The API group's Go package name: "" is core, "coordination.k8s.io" is coordination.</summary>
    public static string PackageOfGroup(string group) => group.Length == 0 ? "core" : group.Split('.')[0];

    private static string GroupOf(Type root) =>
        ModelTypes.KindOf(root)?.Group ?? throw new ArgumentException($"{root} is not a top-level kind (no KubeGroup constant)", nameof(root));

    /// <summary>The package a type names for itself (meta, group-prefixed names like Corev1Event, overrides), or null to inherit.</summary>
    private static string? OwnPackage(Type type)
    {
        if (MetaTypes.Contains(type))
        {
            return "meta";
        }

        if (PackageOverrides.TryGetValue(type, out var package))
        {
            return package;
        }

        var parts = Parse(type);
        return parts.Group.Length > 0 ? parts.Group.ToLowerInvariant() : null;
    }

    private static string NameOf(Type type, string package)
    {
        var (_, version, name) = Parse(type);
        return package == "meta" ? MetaPrefix + name : $"io.k8s.api.{package}.{version}.{name}";
    }

    /// <summary>Splits "V1PodSpec" into ("", "v1", "PodSpec") and "Discoveryv1EndpointPort" into ("Discovery", "v1", "EndpointPort").</summary>
    private static (string Group, string Version, string Name) Parse(Type type)
    {
        var match = TypeName().Match(type.Name);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Model type name {type.Name} does not have the <Group?><Version><Name> shape");
        }

        return (match.Groups["group"].Value, match.Groups["version"].Value.ToLowerInvariant(), match.Groups["name"].Value);
    }

    [GeneratedRegex("^(?<group>[A-Z][a-z]+)?(?<version>[Vv][0-9]+(?:(?:alpha|beta)[0-9]+)?)(?<name>[A-Z][A-Za-z0-9]*)\\z")]
    private static partial Regex TypeName();
}
