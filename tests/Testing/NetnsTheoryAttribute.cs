using Xunit;

namespace Orchestrator.Testing;

/// <summary>The <see cref="TheoryAttribute"/> counterpart of <see cref="NetnsFactAttribute"/>: skipped with the same reasons.</summary>
public sealed class NetnsTheoryAttribute : TheoryAttribute
{
    public NetnsTheoryAttribute(params string[] tools)
    {
        Skip = NetworkNamespace.Unavailable(tools);
    }
}
