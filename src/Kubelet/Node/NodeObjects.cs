namespace Orchestrator.Kubelet.Node;

/// <summary>The Node and Lease objects a kubelet writes for itself, as pure builders.</summary>
internal static class NodeObjects
{
    /// <summary>The kubelet version nodes report (the API version this project serves).</summary>
    public const string KubeletVersion = "v1.33.0";

    public static V1Node Node(NodeConfig config, string runtimeVersion, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(config);
        var labels = new Dictionary<string, string>(config.Labels)
        {
            ["kubernetes.io/os"] = config.OperatingSystem,
            ["kubernetes.io/arch"] = config.Architecture,
            ["kubernetes.io/hostname"] = config.Name,
            ["beta.kubernetes.io/os"] = config.OperatingSystem,
            ["beta.kubernetes.io/arch"] = config.Architecture,
        };
        // upstream's Windows getOSSpecificLabels (pkg/kubelet/kubelet_node_status_windows.go)
        if (config is { OperatingSystem: "windows", WindowsBuild: { } build })
        {
            labels[Windows.WindowsBuild.Label] = build.ToString();
        }

        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta { Name = config.Name, Labels = labels },
            Spec = new V1NodeSpec { Taints = config.Taints.Count == 0 ? null : [.. config.Taints] },
            Status = Status(config, runtimeVersion, now),
        };
    }

    public static V1NodeStatus Status(NodeConfig config, string runtimeVersion, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(config);
        var resources = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new(config.Cpu),
            ["memory"] = new(config.Memory),
            ["ephemeral-storage"] = new(config.EphemeralStorage),
            ["pods"] = new(config.MaxPods.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        return new V1NodeStatus
        {
            Capacity = resources,
            Allocatable = new Dictionary<string, ResourceQuantity>(config.Allocatable ?? resources),
            Conditions =
            [
                Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
                Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
                Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
                Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now),
            ],
            Addresses =
            [
                new V1NodeAddress { Type = "InternalIP", Address = config.InternalIp },
                new V1NodeAddress { Type = "Hostname", Address = config.Name },
            ],
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = config.KubeletPort } },
            NodeInfo = new V1NodeSystemInfo
            {
                MachineID = config.MachineId ?? config.Name,
                SystemUUID = config.SystemUuid ?? config.Name,
                BootID = config.BootId ?? config.Name,
                KernelVersion = config.KernelVersion,
                OsImage = config.OsImage,
                ContainerRuntimeVersion = runtimeVersion,
                KubeletVersion = KubeletVersion,
                KubeProxyVersion = KubeletVersion,
                OperatingSystem = config.OperatingSystem,
                Architecture = config.Architecture,
            },
        };
    }

    public static V1Lease Lease(V1Node node, int leaseDurationSeconds, DateTime now) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta
        {
            Name = node.Metadata.Name,
            NamespaceProperty = "kube-node-lease",
            OwnerReferences = node.Metadata.Uid is null ? null : [new V1OwnerReference { ApiVersion = "v1", Kind = "Node", Name = node.Metadata.Name, Uid = node.Metadata.Uid }],
        },
        Spec = new V1LeaseSpec { HolderIdentity = node.Metadata.Name, LeaseDurationSeconds = leaseDurationSeconds, RenewTime = now },
    };

    private static V1NodeCondition Condition(string type, string status, string reason, string message, DateTime now) => new()
    {
        Type = type,
        Status = status,
        Reason = reason,
        Message = message,
        LastHeartbeatTime = now,
        LastTransitionTime = now,
    };
}
