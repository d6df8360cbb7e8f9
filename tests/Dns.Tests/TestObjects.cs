using k8s.Models;

namespace Orchestrator.Dns.Tests;

/// <summary>Services and EndpointSlices as the API server would hold them, for the zone tests.</summary>
internal static class TestObjects
{
    public static V1Service ClusterIp(string ns, string name, string ip, params (string Name, string Protocol, int Port)[] ports) => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = ip,
            ClusterIPs = [ip],
            Ports = [.. ports.Select(p => new V1ServicePort { Name = p.Name, Protocol = p.Protocol, Port = p.Port })],
        },
    };

    public static V1Service Headless(string ns, string name) => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name },
        Spec = new V1ServiceSpec { Type = "ClusterIP", ClusterIP = "None", ClusterIPs = ["None"] },
    };

    public static V1Service ExternalName(string ns, string name, string target) => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name },
        Spec = new V1ServiceSpec { Type = "ExternalName", ExternalName = target },
    };

    public static V1EndpointSlice Slice(string ns, string service, (string Name, string Protocol, int Port)[] ports, params (string Ip, string? Hostname, bool Ready)[] endpoints) => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = service + "-abc", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service } },
        AddressType = "IPv4",
        Endpoints = [.. endpoints.Select(e => new V1Endpoint { Addresses = [e.Ip], Hostname = e.Hostname, Conditions = new V1EndpointConditions { Ready = e.Ready } })],
        Ports = [.. ports.Select(p => new Discoveryv1EndpointPort { Name = p.Name, Protocol = p.Protocol, Port = p.Port })],
    };
}
