using Orchestrator.Kubelet.Images.Local;

namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>
/// Everything a private containerd instance needs: all of its files live under <see cref="StateDir"/>, so
/// it never collides with the system containerd or with other instances (cri-containerd.md §4).
/// </summary>
public sealed record ContainerdConfig(
    string StateDir,
    string SocketPath,
    string SandboxImage,
    string CniConfDir,
    string CniBinDir,
    string RegistryConfigDir,
    string RuncRoot)
{
    public const string DefaultSandboxImage = LocalImages.PauseReference;
    public const string DefaultCniBinDir = "/usr/lib/cni";

    public string ConfigPath => Path.Combine(StateDir, "config.toml");

    public string PidPath => Path.Combine(StateDir, "containerd.pid");

    public string LogPath => Path.Combine(StateDir, "containerd.log");

    /// <summary>The gRPC endpoint CRI clients dial, e.g. <c>unix:///tmp/x/containerd.sock</c>.</summary>
    public string Endpoint => "unix://" + SocketPath;

    /// <summary>The CNI <c>host-local</c> IPAM data directory (kept under the state dir, not /var/lib/cni).</summary>
    public string IpamDataDir => Path.Combine(StateDir, "cni", "ipam");

    /// <summary>The defaults for one state directory: socket, CNI conf dir, registry hosts dir and runc root under it.</summary>
    public static ContainerdConfig ForStateDir(string stateDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDir);
        var dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(stateDir));
        return new ContainerdConfig(
            dir,
            Path.Combine(dir, "containerd.sock"),
            DefaultSandboxImage,
            Path.Combine(dir, "cni", "net.d"),
            DefaultCniBinDir,
            Path.Combine(dir, "certs.d"),
            Path.Combine(dir, "runc"));
    }

    /// <summary>Renders containerd's <c>config.toml</c> (version 2) for this instance.</summary>
    public string ToToml()
    {
        var toml = new StringBuilder();
        void Line(string text) => toml.Append(text).Append('\n');
        Line("version = 2");
        Line($"root = {Quote(Path.Combine(StateDir, "root"))}");
        Line($"state = {Quote(Path.Combine(StateDir, "state"))}");
        Line("");
        Line("[grpc]");
        Line($"  address = {Quote(SocketPath)}");
        Line("[ttrpc]");
        Line($"  address = {Quote(SocketPath + ".ttrpc")}");
        Line("[debug]");
        Line("  level = \"info\"");
        Line("[plugins.\"io.containerd.internal.v1.opt\"]");
        Line($"  path = {Quote(Path.Combine(StateDir, "opt"))}");
        Line("");
        Line("[plugins.\"io.containerd.grpc.v1.cri\"]");
        Line($"  sandbox_image = {Quote(SandboxImage)}");
        Line("  netns_mounts_under_state_dir = true");
        // Root here lacks CAP_SYS_RESOURCE: without this the pause container's oom_score_adj -998 fails runc.
        Line("  restrict_oom_score_adj = true");
        Line("  enable_selinux = false");
        Line("  [plugins.\"io.containerd.grpc.v1.cri\".containerd]");
        Line("    snapshotter = \"overlayfs\"");
        Line("    default_runtime_name = \"runc\"");
        Line("    [plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc]");
        Line("      runtime_type = \"io.containerd.runc.v2\"");
        Line("      [plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options]");
        Line("        SystemdCgroup = false");
        Line($"        Root = {Quote(RuncRoot)}");
        Line("  [plugins.\"io.containerd.grpc.v1.cri\".cni]");
        Line($"    bin_dir = {Quote(CniBinDir)}");
        Line($"    conf_dir = {Quote(CniConfDir)}");
        Line("  [plugins.\"io.containerd.grpc.v1.cri\".registry]");
        Line($"    config_path = {Quote(RegistryConfigDir)}");
        return toml.ToString();
    }

    /// <summary>A TOML basic string; control characters are refused rather than escaped (no path has them).</summary>
    private static string Quote(string value)
    {
        if (value.Any(char.IsControl))
        {
            throw new ArgumentException($"containerd config value contains a control character: {value}");
        }

        return string.Create(CultureInfo.InvariantCulture, $"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
    }
}
