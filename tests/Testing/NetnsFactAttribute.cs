using Xunit;

namespace Orchestrator.Testing;

/// <summary>
/// A fact that needs scratch network namespaces (root, iproute2, nftables) and the extra <c>tools</c> it runs in
/// them (e.g. <c>busybox</c>, <c>iptables-legacy</c>): skipped with the reason elsewhere.
/// </summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute(params string[] tools)
    {
        Skip = NetworkNamespace.Unavailable(tools);
    }
}
