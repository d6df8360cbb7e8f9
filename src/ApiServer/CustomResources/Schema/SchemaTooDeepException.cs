namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>A schema nested deeper than <see cref="SchemaLimits.MaxDepth"/>.</summary>
internal sealed class SchemaTooDeepException : Exception
{
    public SchemaTooDeepException()
        : base($"must not be nested more than {SchemaLimits.MaxDepth} levels deep")
    {
    }

    public SchemaTooDeepException(string message)
        : base(message)
    {
    }

    public SchemaTooDeepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
