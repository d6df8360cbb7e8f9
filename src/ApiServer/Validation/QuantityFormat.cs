namespace Orchestrator.ApiServer.Validation;

/// <summary>How a quantity is printed, from the suffix it was written with.</summary>
internal enum QuantityFormat
{
    DecimalSI,
    BinarySI,
    DecimalExponent,
}
