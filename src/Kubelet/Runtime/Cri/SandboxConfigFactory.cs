using k8s.Models;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;

namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>The CRI PodSandboxConfig of a pod (upstream's generatePodSandboxConfig), as a pure function.</summary>
internal static class SandboxConfigFactory
{
    public static PodSandboxConfig Build(V1Pod pod, uint attempt, KubeletPaths paths, string cgroupRoot)
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
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = CgroupParent(cgroupRoot, meta.Uid),
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    NamespaceOptions = Namespaces(spec),
                    Privileged = spec.Containers.Concat(spec.InitContainers ?? []).Any(c => c.SecurityContext?.Privileged == true),
                    Seccomp = Seccomp(spec.SecurityContext?.SeccompProfile),
                },
            },
        };
        var security = config.Linux.SecurityContext;
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
            config.Linux.Sysctls[sysctl.Name] = sysctl.Value;
        }

        if (DnsConfig(spec) is { } dns)
        {
            config.DnsConfig = dns;
        }

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

    /// <summary>
    /// DNS for the sandbox: dnsPolicy None takes the pod's dnsConfig alone; other policies keep the
    /// node's resolv.conf (containerd copies it when no config is given) — cluster DNS arrives with
    /// the networking issue — plus any extra dnsConfig entries.
    /// </summary>
    private static DNSConfig? DnsConfig(V1PodSpec spec)
    {
        var custom = spec.DnsConfig;
        if (spec.DnsPolicy != "None" && custom is null)
        {
            return null;
        }

        var dns = new DNSConfig();
        if (spec.DnsPolicy != "None")
        {
            foreach (var line in File.Exists("/etc/resolv.conf") ? File.ReadAllLines("/etc/resolv.conf") : [])
            {
                var parts = line.Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries);
                switch (parts.FirstOrDefault())
                {
                    case "nameserver" when parts.Length > 1: dns.Servers.Add(parts[1]); break;
                    case "search": dns.Searches.AddRange(parts.Skip(1)); break;
                    case "options": dns.Options.AddRange(parts.Skip(1)); break;
                }
            }
        }

        dns.Servers.AddRange(custom?.Nameservers ?? []);
        dns.Searches.AddRange(custom?.Searches ?? []);
        dns.Options.AddRange((custom?.Options ?? []).Select(o => o.Value is null ? o.Name : $"{o.Name}:{o.Value}"));
        return dns;
    }
}
