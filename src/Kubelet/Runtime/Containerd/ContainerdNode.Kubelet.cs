using System.Threading.Channels;
using Orchestrator.Kubelet.Probes;
using Orchestrator.Kubelet.Volumes.Sources;
using Orchestrator.Kubelet.Images;
using Orchestrator.Kubelet.Network;
using Orchestrator.Kubelet.Pods.Dns;
using Orchestrator.Kubelet.Storage.LocalPath;

namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>The kubelet of the node, composed for one controller context.</summary>
public sealed partial class ContainerdNode
{
    /// <summary>Builds the node's kubelet: runtime, volumes, probes, images, pod worker, node agent, housekeeping.</summary>
    public ContainerdKubelet CreateKubelet(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The server's webhook authorization reviews through this kubelet's client (a renewed certificate brings a new one).
        _authorizer?.UseClient(context.Client);
        var paths = new KubeletPaths(Options.RootDir);
        var nodeIp = NodeIp;
        var machine = MachineInfoReader.Read(Options.RootDir);
        var capacity = NodeResources.Capacity(machine, Options.MaxPods);
        // Probe results and changed configMaps/secrets ask for a pod sync through this channel; the
        // kubelet host, built last, drains it (pod uids).
        var resyncs = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var sources = new WatchingVolumeSources(context.Client, uid => resyncs.Writer.TryWrite(uid), context.Loggers, context.Time);
        var volumes = new VolumeManager(paths.PodsRoot, sources, context.Events, context.Loggers.CreateLogger<VolumeManager>(), time: context.Time,
            tokens: new Volumes.Tokens.ServiceAccountTokenManager(context.Client, context.Time), claims: new ApiPersistentVolumes(context.Client));
        var probes = new ProbeManager(new CriProbeExec(Cri), context.Events, context.Time, uid => resyncs.Writer.TryWrite(uid), context.Loggers.CreateLogger<ProbeManager>());
        var runtimeOptions = new CriRuntimeOptions(paths, nodeIp)
        {
            CgroupRoot = CgroupRoot,
            OperatingSystem = Options.Windows is null ? NodeOs.Linux : NodeOs.Windows,
            NodeMemoryBytes = machine.MemoryBytes,
            Dns = PodDnsConfigurer.FromOptions(Options.Kubelet),
        };
        var images = new ImageManager(Cri.Images, context.Events, KeyedBackoff.Kubelet(context.Time), context.Loggers.CreateLogger<ImageManager>());
        var parts = new CriRuntimeParts(Cri, runtimeOptions, images, KeyedBackoff.Kubelet(context.Time), volumes, sources, probes, context.Events, context.Time, context.Loggers.CreateLogger<CriPodRuntime>())
        {
            RuntimeClasses = new RuntimeClasses.ApiRuntimeClasses(context.Client),
        };
        var runtime = new CriPodRuntime(parts, RuntimeVersion);
        var config = new NodeConfig(Options.NodeName, nodeIp)
        {
            Cpu = capacity["cpu"].ToString(),
            Memory = capacity["memory"].ToString(),
            EphemeralStorage = capacity["ephemeral-storage"].ToString(),
            Allocatable = NodeResources.Allocatable(machine, Options.MaxPods, NodeReservations.Default).AsReadOnly(),
            MaxPods = Options.MaxPods,
            Architecture = machine.Architecture,
            KernelVersion = machine.KernelVersion,
            OsImage = machine.OsImage,
            MachineId = machine.MachineId,
            SystemUuid = machine.SystemUuid,
            BootId = machine.BootId,
            Labels = Options.Labels,
            Taints = Options.Taints,
            KubeletPort = ServerPort,
        };
        if (Options.Windows is { } windows)
        {
            config = config.AsWindows(windows);
        }

        var host = new KubeletHost(context, runtime, [config], Options.Kubelet, new CriNodeConditions(Cri, Options.RootDir, NodeReservations.Default))
        {
            // An existing runtime's CNI config is its own: the podCIDR is only recorded.
            PodCidrAssigned = Options.ExternalRuntime ? null : (_, cidr) => WriteCniConfig(cidr),
            ResyncRequests = resyncs.Reader,
        };
        return new ContainerdKubelet(host, runtime, new PodLifecycleEventGenerator(Cri.Runtime, context.Time), context, [sources, .. PodNetworkControllers(context)]);
    }

    /// <summary>
    /// The node's local-path provisioner (volumes under <c>&lt;root&gt;/storage</c>), composed on its own context: it needs
    /// an identity that may create PersistentVolumes, which no kubelet's may (ClusterRole system:orchestrator:local-path-provisioner).
    /// </summary>
    public LocalPathProvisioner CreateLocalPathProvisioner(ControllerContext context) =>
        new(context, new LocalPathOptions(Options.NodeName, StorageRoot));

    /// <summary>Where the node's local-path volumes live: <c>&lt;root&gt;/storage</c>.</summary>
    public string StorageRoot => Path.Combine(Options.RootDir, "storage");

    /// <summary>
    /// The pod network's loops for <see cref="ContainerdNodeOptions.PodNetwork"/>: host-gw routes and masquerade, or none
    /// (also on an existing runtime, whose CNI owns the pod network).
    /// </summary>
    private IReadOnlyList<IController> PodNetworkControllers(ControllerContext context)
    {
        if (Options.PodNetwork == PodNetworkMode.None || Options.ExternalRuntime)
        {
            return [];
        }

        var clusterCidr = Ipv4Cidr.TryParse(Options.ClusterCidr, out var cidr)
            ? cidr
            : throw new ArgumentException($"cluster CIDR '{Options.ClusterCidr}' is not an IPv4 CIDR (a.b.c.d/n)");
        var table = PodMasquerade.TableNameFor(CniConfig.BridgeNameFor(Containerd.StateDir));
        return [new PodNetworkController(context, new PodNetworkOptions(Options.NodeName, clusterCidr, table))];
    }

    /// <summary>The CNI config of the node's pod network, from its podCIDR (containerd reloads the directory itself).</summary>
    private void WriteCniConfig(string podCidr)
    {
        var cidr = Ipv4Cidr.Parse(podCidr);
        CniConfig.Write(Containerd.CniConfDir, cidr, CniConfig.BridgeNameFor(Containerd.StateDir), Containerd.IpamDataDir);
        LogCniWritten(podCidr, Containerd.CniConfDir);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod network {PodCidr}: CNI config written to {Directory}")]
    private partial void LogCniWritten(string podCidr, string directory);
}
