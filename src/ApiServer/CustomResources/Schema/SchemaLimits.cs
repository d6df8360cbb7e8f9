namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>Bounds that keep hostile schemas from recursing without end (patterns are linear-time, see <see cref="SchemaPatterns"/>).</summary>
internal static class SchemaLimits
{
    /// <summary>
    /// Schema nodes nested deeper than this are refused at CRD validation: real CRDs (the big operator
    /// bundles included) stay below 40 levels, and every walk over a schema recurses once per level.
    /// </summary>
    public const int MaxDepth = 128;
}
