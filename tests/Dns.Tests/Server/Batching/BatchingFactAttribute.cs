using Orchestrator.Dns.Server.Batching;

namespace Orchestrator.Dns.Tests.Server.Batching;

/// <summary>A fact about the recvmmsg/sendmmsg path: skipped where it does not exist (not Linux, or a 32-bit process).</summary>
public sealed class BatchingFactAttribute : FactAttribute
{
    public BatchingFactAttribute()
    {
        Skip = LinuxSockets.IsSupported ? null! : "recvmmsg/sendmmsg: Linux, 64-bit processes only";
    }
}
