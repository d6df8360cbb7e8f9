namespace Orchestrator.ApiMachinery.Resources;

/// <summary>A <see cref="ResourceQuantity"/> as an integer the way Go's Quantity.Value and MilliValue give it: rounded up.</summary>
public static class QuantityValues
{
    /// <summary>Go's Quantity.Value: the quantity rounded up to an integer (bytes, pods, extended resources).</summary>
    public static long Value(ResourceQuantity quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        return (long)Math.Ceiling(quantity.ToDecimal());
    }

    /// <summary>Go's Quantity.MilliValue: the quantity in thousandths rounded up (millicores).</summary>
    public static long MilliValue(ResourceQuantity quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        return (long)Math.Ceiling(quantity.ToDecimal() * 1000m);
    }
}
