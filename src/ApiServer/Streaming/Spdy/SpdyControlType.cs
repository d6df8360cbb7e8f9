namespace Orchestrator.ApiServer.Streaming.Spdy;

/// <summary>SPDY/3 control frame types (draft-mbelshe-httpbis-spdy-00 §2.6).</summary>
internal enum SpdyControlType : ushort
{
    SynStream = 1,
    SynReply = 2,
    RstStream = 3,
    Settings = 4,
    Ping = 6,
    GoAway = 7,
    Headers = 8,
    WindowUpdate = 9,
}
