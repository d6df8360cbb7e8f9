using Orchestrator.ApiMachinery.Resources;

namespace Orchestrator.Scheduler.Framework;

/// <summary>Resource amounts in scheduler units: millicores, bytes, pod slots and extended (scalar) resources.</summary>
public sealed class Resource
{
    public long MilliCpu { get; set; }

    public long Memory { get; set; }

    public long EphemeralStorage { get; set; }

    public long AllowedPodNumber { get; set; }

    /// <summary>Extended resources (e.g. <c>nvidia.com/gpu</c>, <c>hugepages-2Mi</c>); null when none.</summary>
    public Dictionary<string, long>? Scalar { get; private set; }

    public const string Cpu = "cpu";
    public const string MemoryName = "memory";
    public const string EphemeralStorageName = "ephemeral-storage";
    public const string Pods = "pods";

    public Resource Clone()
    {
        var copy = new Resource { MilliCpu = MilliCpu, Memory = Memory, EphemeralStorage = EphemeralStorage, AllowedPodNumber = AllowedPodNumber };
        if (Scalar is not null)
        {
            copy.Scalar = new Dictionary<string, long>(Scalar, StringComparer.Ordinal);
        }

        return copy;
    }

    public void Add(Resource other, long sign = 1)
    {
        MilliCpu += sign * other.MilliCpu;
        Memory += sign * other.Memory;
        EphemeralStorage += sign * other.EphemeralStorage;
        AllowedPodNumber += sign * other.AllowedPodNumber;
        if (other.Scalar is null)
        {
            return;
        }

        foreach (var (name, value) in other.Scalar)
        {
            SetScalar(name, GetScalar(name) + (sign * value));
        }
    }

    /// <summary>Each dimension becomes the larger of this and <paramref name="other"/> (the init-container rule).</summary>
    public void SetMax(Resource other)
    {
        MilliCpu = Math.Max(MilliCpu, other.MilliCpu);
        Memory = Math.Max(Memory, other.Memory);
        EphemeralStorage = Math.Max(EphemeralStorage, other.EphemeralStorage);
        if (other.Scalar is null)
        {
            return;
        }

        foreach (var (name, value) in other.Scalar)
        {
            SetScalar(name, Math.Max(GetScalar(name), value));
        }
    }

    public long GetScalar(string name) => Scalar is not null && Scalar.TryGetValue(name, out var v) ? v : 0;

    public void SetScalar(string name, long value)
    {
        Scalar ??= new Dictionary<string, long>(StringComparer.Ordinal);
        Scalar[name] = value;
    }

    /// <summary>Adds a resource list (requests or allocatable) to this resource.</summary>
    public void AddList(IDictionary<string, ResourceQuantity>? list)
    {
        if (list is null)
        {
            return;
        }

        foreach (var (name, quantity) in list)
        {
            switch (name)
            {
                case Cpu: MilliCpu += QuantityValues.MilliValue(quantity); break;
                case MemoryName: Memory += QuantityValues.Value(quantity); break;
                case EphemeralStorageName: EphemeralStorage += QuantityValues.Value(quantity); break;
                case Pods: AllowedPodNumber += QuantityValues.Value(quantity); break;
                default:
                    if (IsScalarResourceName(name))
                    {
                        SetScalar(name, GetScalar(name) + QuantityValues.Value(quantity));
                    }

                    break;
            }
        }
    }

    public static Resource FromList(IDictionary<string, ResourceQuantity>? list)
    {
        var r = new Resource();
        r.AddList(list);
        return r;
    }

    /// <summary>Extended resources (domain-prefixed names), hugepages and attachable volumes are scheduled as scalars.</summary>
    public static bool IsScalarResourceName(string name) =>
        name.Contains('/', StringComparison.Ordinal) || name.StartsWith("hugepages-", StringComparison.Ordinal);
}
