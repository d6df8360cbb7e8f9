using Cel;

namespace Orchestrator.ApiServer.CustomResources.Schema.Cel;

/// <summary>A rule ready to run, or the compile error that makes its CRD invalid.</summary>
internal sealed record CelCompiledRule(CelProgramDelegate? Program, CelProgramDelegate? MessageExpression, bool UsesOldSelf, string? Error);
