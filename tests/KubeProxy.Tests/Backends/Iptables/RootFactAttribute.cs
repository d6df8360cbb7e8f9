namespace Orchestrator.KubeProxy.Tests.Backends.Iptables;

/// <summary>A fact that touches the kernel (network namespaces, iptables): skipped with a reason when not root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: creates scratch network namespaces and programs iptables in them";
        }
    }
}
