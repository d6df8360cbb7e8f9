using Orchestrator.Kubelet.Pods.Dns;

namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>The CRI PodSandboxConfig of a pod (upstream's generatePodSandboxConfig), as a pure function.</summary>
internal static class SandboxConfigFactory
{
    /// <summary>The DNS rules of a kubelet with default options, for callers that pass none.</summary>
    private static readonly Lazy<PodDnsConfigurer> DefaultDns = new(() => PodDnsConfigurer.FromOptions(new KubeletOptions()));

    /// <param name="operatingSystem">The node's OS (<see cref="NodeOs"/>): a Windows node's sandbox gets a WindowsPodSandboxConfig.</param>
    public static PodSandboxConfig Build(V1Pod pod, uint attempt, KubeletPaths paths, string cgroupRoot, PodDnsConfigurer? dns = null, string operatingSystem = NodeOs.Linux)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(paths);
        var meta = pod.Metadata;
        var spec = pod.Spec;
        var hostNetwork = spec.HostNetwork == true;
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = meta.Name, Namespace = meta.NamespaceProperty, Uid = meta.Uid, Attempt = attempt },
            // A pod on the node's network has the node's UTS namespace: runc cannot set a hostname there.
            Hostname = hostNetwork ? string.Empty : Hostname(pod),
            LogDirectory = paths.PodLogDir(meta.NamespaceProperty, meta.Name, meta.Uid),
        };
        if (operatingSystem == NodeOs.Windows)
        {
            // A Windows sandbox has no cgroups, namespaces, seccomp or sysctls: no LinuxPodSandboxConfig at all.
            config.Windows = Windows.WindowsSandboxConfigFactory.Build(spec);
        }
        else
        {
            config.Linux = LinuxConfig(spec, meta.Uid, cgroupRoot);
        }

        config.DnsConfig = DnsConfig((dns ?? DefaultDns.Value).Configure(spec, meta.NamespaceProperty));

        config.Labels[CriLabels.PodName] = meta.Name;
        config.Labels[CriLabels.PodNamespace] = meta.NamespaceProperty;
        config.Labels[CriLabels.PodUid] = meta.Uid;
        foreach (var (key, value) in meta.Labels ?? new Dictionary<string, string>())
        {
            config.Labels.TryAdd(key, value);
        }

        foreach (var (key, value) in meta.Annotations ?? new Dictionary<string, string>())
        {
            config.Annotations[key] = value;
        }

        foreach (var port in spec.Containers.SelectMany(c => c.Ports ?? []).Where(p => p.HostPort is > 0))
        {
            config.PortMappings.Add(new PortMapping
            {
                ContainerPort = port.ContainerPort,
                HostPort = port.HostPort ?? 0,
                HostIp = port.HostIP ?? string.Empty,
                Protocol = port.Protocol switch { "UDP" => Protocol.Udp, "SCTP" => Protocol.Sctp, _ => Protocol.Tcp },
            });
        }

        return config;
    }

    /// <summary>The Linux part: cgroup parent, namespaces, privilege, seccomp, user, sysctls (upstream's generatePodSandboxLinuxConfig).</summary>
    private static LinuxPodSandboxConfig LinuxConfig(V1PodSpec spec, string podUid, string cgroupRoot)
    {
        var linux = new LinuxPodSandboxConfig
        {
            CgroupParent = CgroupParent(cgroupRoot, podUid),
            SecurityContext = new LinuxSandboxSecurityContext
            {
                NamespaceOptions = Namespaces(spec),
                // upstream's HasPrivilegedContainer visits ephemeral containers too: the sandbox config sent
                // with a privileged debugger's CreateContainer must allow it (containerd checks the two agree).
                Privileged = spec.Containers.Concat(spec.InitContainers ?? []).Any(c => c.SecurityContext?.Privileged == true)
                    || (spec.EphemeralContainers ?? []).Any(c => c.SecurityContext?.Privileged == true),
                Seccomp = Seccomp(spec.SecurityContext?.SeccompProfile),
            },
        };
        var security = linux.SecurityContext;
        if (spec.SecurityContext?.RunAsUser is { } user)
        {
            security.RunAsUser = new Int64Value { Value = user };
        }

        if (spec.SecurityContext?.RunAsGroup is { } group)
        {
            security.RunAsGroup = new Int64Value { Value = group };
        }

        foreach (var sysctl in spec.SecurityContext?.Sysctls ?? [])
        {
            linux.Sysctls[sysctl.Name] = sysctl.Value;
        }

        return linux;
    }

    /// <summary>The pod's cgroup under the kubelet's cgroup root (cgroupfs driver).</summary>
    public static string CgroupParent(string cgroupRoot, string podUid) => $"{cgroupRoot.TrimEnd('/')}/pod{podUid}";

    internal static NamespaceOption Namespaces(V1PodSpec spec) => new()
    {
        Network = spec.HostNetwork == true ? NamespaceMode.Node : NamespaceMode.Pod,
        Pid = spec.HostPID == true ? NamespaceMode.Node : spec.ShareProcessNamespace == true ? NamespaceMode.Pod : NamespaceMode.Container,
        Ipc = spec.HostIPC == true ? NamespaceMode.Node : NamespaceMode.Pod,
    };

    /// <summary>The seccomp profile asked for, or Unconfined (upstream's default without --seccomp-default).</summary>
    internal static SecurityProfile Seccomp(V1SeccompProfile? profile) => profile?.Type switch
    {
        "RuntimeDefault" => new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.RuntimeDefault },
        "Localhost" => new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.Localhost, LocalhostRef = profile.LocalhostProfile ?? string.Empty },
        _ => new SecurityProfile { ProfileType = SecurityProfile.Types.ProfileType.Unconfined },
    };

    private static string Hostname(V1Pod pod)
    {
        var name = pod.Spec.Hostname is { Length: > 0 } h ? h : pod.Metadata.Name;
        return name.Length > 63 ? name[..63].TrimEnd('-', '.') : name;
    }

    /// <summary>The sandbox's DNS config: containerd writes the pod's resolv.conf from it.</summary>
    private static DNSConfig DnsConfig(PodDnsSettings settings)
    {
        var dns = new DNSConfig();
        dns.Servers.AddRange(settings.Servers);
        dns.Searches.AddRange(settings.Searches);
        dns.Options.AddRange(settings.Options);
        return dns;
    }
}
