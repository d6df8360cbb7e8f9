using System.Text.Json;

namespace Orchestrator.E2E.Tests.Compose;

/// <summary>
/// The repository's compose setup copied into a scratch directory (as a fresh clone has it: the compose file, the
/// Dockerfile and the sources it builds, no bin/obj), driven with docker-compose under a unique project name, so a
/// run never touches the repository's own .compose/ or another run's containers.
/// </summary>
internal sealed class ComposeProject(DockerDaemon daemon, string directory, string name)
{
    private static readonly string[] Entries = ["docker-compose.yml", "Dockerfile", ".dockerignore", "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "proto", "src", "scripts/compose"];

    /// <summary>The compose profile with the real node (containerd-node) and the registry it pulls from.</summary>
    public const string Profile = "containerd";

    public string Directory { get; } = directory;

    public string Name { get; } = name;

    /// <summary>The admin kubeconfig compose writes for the host.</summary>
    public string Kubeconfig => Path.Combine(Directory, ".compose", "kubeconfig");

    public static string RepositoryRoot { get; } = FindRoot();

    public static ComposeProject Copy(DockerDaemon daemon)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("orc-compose-").FullName;
        foreach (var entry in Entries)
        {
            var source = Path.Combine(RepositoryRoot, entry);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(directory, entry));
            }
            else
            {
                CopyTree(source, Path.Combine(directory, entry));
            }
        }

        return new ComposeProject(daemon, directory, "orc" + Testing.NetworkNamespace.RandomSuffix(8));
    }

    /// <summary>
    /// docker-compose with the profile <see cref="Profile"/> on every command (up, exec, logs, down alike), as the docs
    /// tell users: a command without it would not see the real node and the registry.
    /// </summary>
    public Task<string> RunAsync(TimeSpan timeout, params string[] arguments) =>
        daemon.RunCheckedAsync("docker-compose", Arguments(arguments), Directory, timeout);

    /// <summary>As <see cref="RunAsync"/>, returning the result whatever the exit code.</summary>
    public Task<Client.Processes.HostCommandResult> TryRunAsync(TimeSpan timeout, params string[] arguments) =>
        daemon.RunAsync("docker-compose", Arguments(arguments), Directory, timeout);

    /// <summary>The ID of the (first) container of <paramref name="service"/>.</summary>
    public async Task<string> ContainerAsync(string service) =>
        (await RunAsync(TimeSpan.FromSeconds(60), "ps", "-q", service)).Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();

    /// <summary>The etcd member that leads, as etcdctl inside etcd-1 reports it (etcd-1, etcd-2 or etcd-3).</summary>
    public async Task<string> EtcdLeaderAsync()
    {
        var json = await daemon.RunCheckedAsync("docker", ["exec", await ContainerAsync("etcd-1"), "etcdctl",
            "--endpoints=http://etcd-1:2379,http://etcd-2:2379,http://etcd-3:2379", "endpoint", "status", "-w", "json"]);
        using var document = JsonDocument.Parse(json);
        foreach (var member in document.RootElement.EnumerateArray())
        {
            var status = member.GetProperty("Status");
            if (status.GetProperty("header").GetProperty("member_id").GetUInt64() == status.GetProperty("leader").GetUInt64())
            {
                return new Uri(member.GetProperty("Endpoint").GetString()!).Host;
            }
        }

        throw new InvalidOperationException("no etcd member leads: " + json);
    }

    /// <summary>What docker still holds for this project (containers, volumes, networks), by compose's project label.</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync()
    {
        var filter = "label=com.docker.compose.project=" + Name;
        List<string> left = [];
        foreach (var kind in new[] { "container", "volume", "network" })
        {
            string[] list = kind == "container" ? ["container", "ls", "-aq", "--filter", filter] : [kind, "ls", "-q", "--filter", filter];
            var ids = await daemon.RunCheckedAsync("docker", list);
            left.AddRange(ids.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(id => $"{kind} {id.Trim()}"));
        }

        return left;
    }

    private string[] Arguments(string[] arguments) => ["-p", Name, "--profile", Profile, .. arguments];

    private static void CopyTree(string source, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var child in System.IO.Directory.EnumerateDirectories(source).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopyTree(child, Path.Combine(target, Path.GetFileName(child)));
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Orchestrator.sln) is not above " + AppContext.BaseDirectory);
    }
}
