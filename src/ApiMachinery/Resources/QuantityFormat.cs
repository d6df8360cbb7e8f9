namespace Orchestrator.ApiMachinery.Resources;

/// <summary>How a quantity is printed, from the suffix it was written with.</summary>
public enum QuantityFormat
{
    DecimalSI,
    BinarySI,
    DecimalExponent,
}
