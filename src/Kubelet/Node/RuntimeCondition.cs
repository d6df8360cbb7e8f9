namespace Orchestrator.Kubelet.Node;

/// <summary>A CRI runtime condition (<c>RuntimeReady</c>, <c>NetworkReady</c>) as the Status RPC reports it.</summary>
internal sealed record RuntimeCondition(string Type, bool Status, string Reason = "", string Message = "")
{
    public const string RuntimeReady = "RuntimeReady";
    public const string NetworkReady = "NetworkReady";

    /// <summary>Upstream's rendering: <c>NetworkReady=false reason:X message:Y</c>.</summary>
    public override string ToString() => $"{Type}={(Status ? "true" : "false")} reason:{Reason} message:{Message}";
}
