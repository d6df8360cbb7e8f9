namespace Orchestrator.Dns.Wire;

/// <summary>What to do with a packet after parsing it as a query.</summary>
internal enum ParseStatus
{
    /// <summary>A well-formed query of one question.</summary>
    Ok,

    /// <summary>Not worth an answer: shorter than a header, or a response (answering those invites loops).</summary>
    Drop,

    /// <summary>Malformed: answer FORMERR.</summary>
    FormatError,

    /// <summary>An opcode other than QUERY: answer NOTIMP.</summary>
    NotImplemented,
}
