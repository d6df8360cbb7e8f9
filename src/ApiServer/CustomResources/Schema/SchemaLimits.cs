namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>Bounds that keep hostile schemas and objects from recursing without end or running without end.</summary>
internal static class SchemaLimits
{
    /// <summary>
    /// Schema nodes nested deeper than this are refused at CRD validation: real CRDs (the big operator
    /// bundles included) stay below 40 levels, and every walk over a schema recurses once per level.
    /// </summary>
    public const int MaxDepth = 128;

    /// <summary>How long one <c>pattern</c> may run against one value.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
}
