using Xunit;

namespace Orchestrator.E2E.Tests.Compose;

/// <summary>A fact that starts its own dockerd (root, docker.io, docker-compose, debootstrap, cgroups): skipped with the reason elsewhere.</summary>
internal sealed class ComposeFactAttribute : FactAttribute
{
    public ComposeFactAttribute()
    {
        Skip = DockerDaemon.Unavailable();
    }
}
