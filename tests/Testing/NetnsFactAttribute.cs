using Xunit;

namespace Orchestrator.Testing;

/// <summary>A fact that needs scratch network namespaces (root, iproute2, nftables): skipped with the reason elsewhere.</summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute()
    {
        if (NetworkNamespace.Unavailable() is { } reason)
        {
            Skip = reason;
        }
    }
}
