namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

/// <summary>A theory that touches the kernel (network namespaces, iptables): skipped with a reason when not root.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: creates scratch network namespaces and programs iptables in them";
        }
    }
}
