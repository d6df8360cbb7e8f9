using k8s.Models;

namespace Orchestrator.ControllerManager.Tests.Controllers.Endpoints;

internal static class ServiceFixtures
{
    public static V1Service Service(string targetPort = "http", bool publishNotReady = false, string name = "web", string ns = "ns") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = "svc-uid", Labels = new Dictionary<string, string> { ["team"] = "a" } },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = "web" },
            Ports = [new V1ServicePort { Name = "http", Port = 80, Protocol = "TCP", TargetPort = targetPort }],
            PublishNotReadyAddresses = publishNotReady,
        },
    };

    /// <summary>A pod "name" with IP, ready state, and state: "running", "terminating", "succeeded", "noip", "other-app".</summary>
    public static V1Pod Pod(string name, string ip, bool ready, string state = "running", int containerPort = 8080) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "ns",
            Uid = "uid-" + name,
            Labels = new Dictionary<string, string> { ["app"] = state == "other-app" ? "db" : "web" },
            DeletionTimestamp = state == "terminating" ? DateTime.UtcNow : null,
        },
        Spec = new V1PodSpec
        {
            NodeName = "node-1",
            Containers = [new V1Container { Name = "c", Ports = [new V1ContainerPort { Name = "http", ContainerPort = containerPort }] }],
        },
        Status = new V1PodStatus
        {
            PodIP = state == "noip" ? null : ip,
            Phase = state == "succeeded" ? "Succeeded" : "Running",
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        },
    };
}
