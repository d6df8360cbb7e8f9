namespace Orchestrator.Dns.Server;

/// <summary>What <see cref="DnsResponder.Respond"/> decided for a packet.</summary>
internal enum ResponseKind
{
    /// <summary>An answer was written to the output.</summary>
    Answered,

    /// <summary>Nothing to send (not a query).</summary>
    Drop,

    /// <summary>The name is outside the zone: send the query upstream.</summary>
    Forward,
}
