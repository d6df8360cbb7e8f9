namespace Orchestrator.ApiServer.Streaming;

/// <summary>Protocol names of Kubernetes streaming (k8s.io/apimachinery/pkg/util/remotecommand, portforward).</summary>
internal static class StreamProtocols
{
    /// <summary>Remote command v5 over WebSocket: v4 plus the client's close signal (channel 255).</summary>
    public const string RemoteCommandV5 = "v5.channel.k8s.io";

    /// <summary>Remote command v4 (exit codes on the error stream), what the API server speaks to the kubelet over SPDY.</summary>
    public const string RemoteCommandV4 = "v4.channel.k8s.io";

    public const string PortForward = "portforward.k8s.io";

    /// <summary>WebSocket subprotocols "SPDY/3.1+portforward.k8s.io": SPDY carried in binary messages.</summary>
    public const string TunnelingPrefix = "SPDY/3.1+";

    public const string Spdy31 = "SPDY/3.1";

    public const string VersionHeader = "X-Stream-Protocol-Version";

    public const byte StdinChannel = 0;
    public const byte StdoutChannel = 1;
    public const byte StderrChannel = 2;
    public const byte ErrorChannel = 3;
    public const byte ResizeChannel = 4;
    public const byte CloseSignal = 255;
}
