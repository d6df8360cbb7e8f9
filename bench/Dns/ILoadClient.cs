using System.Diagnostics;
using System.Net;

namespace Orchestrator.Bench.Dns;

/// <summary>A load generator that queries one server for a while; the same one is used for every server of a run.</summary>
internal interface ILoadClient
{
    /// <summary>Queries <paramref name="server"/> for <paramref name="runFor"/> (null: the configured duration).</summary>
    Task<LoadResult> RunAsync(IPEndPoint server, TimeSpan? runFor);

    /// <summary>The client's own process when it is not this one (its CPU is measured apart).</summary>
    Process? LastProcess { get; }
}
