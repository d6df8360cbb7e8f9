namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>A fact that needs the versioned kubectl binaries; skipped, with the reason shown, where they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute()
    {
        if (Kubectl.Directory is null)
        {
            Skip = "kubectl.1.27 … kubectl.1.33 are not installed beside kubectl on PATH";
        }
    }
}
