namespace Orchestrator.ApiServer.Streaming.Spdy;

/// <summary>
/// One frame as read off the wire: a control frame (<see cref="ControlType"/> set) or a data frame
/// (<see cref="StreamId"/> set). <see cref="Payload"/> is everything after the 8-byte frame header.
/// </summary>
internal sealed record SpdyFrame(SpdyControlType? ControlType, uint StreamId, byte Flags, byte[] Payload)
{
    /// <summary>FLAG_FIN: the last frame the sender sends on the stream (data and SYN frames alike).</summary>
    public const byte FlagFin = 0x01;

    /// <summary>FLAG_UNIDIRECTIONAL on SYN_STREAM: the receiver must not send on the stream.</summary>
    public const byte FlagUnidirectional = 0x02;

    public bool IsControl => ControlType is not null;

    public bool IsFin => (Flags & FlagFin) != 0;
}
