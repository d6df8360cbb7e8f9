namespace Orchestrator.ApiServer.CustomResources.Schema.Cel;

/// <summary>A rule ran past <see cref="CelCost.PerCallLimit"/> or the object's budget (cel-go's cost limit error).</summary>
internal sealed class CelCostExceededException : Exception
{
    public CelCostExceededException()
        : base("operation cancelled: actual cost limit exceeded")
    {
    }

    public CelCostExceededException(string message)
        : base(message)
    {
    }

    public CelCostExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
