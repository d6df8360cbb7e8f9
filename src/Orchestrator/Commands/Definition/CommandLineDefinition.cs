using System.CommandLine.Help;
using static Orchestrator.Host.Commands.Definition.CommandSpec;
using static Orchestrator.Host.Commands.Definition.OptionSets;
using static Orchestrator.Host.Commands.Definition.OptionSpec;

namespace Orchestrator.Host.Commands.Definition;

/// <summary>
/// The one definition of orchestrator's command line: every command, subcommand, option (with its placeholder,
/// description and, where finite, its values) and argument. The parse, `help`/`--help`, usage errors and shell
/// completion all come from it.
/// </summary>
internal static class CommandLineDefinition
{
    /// <summary>The root command; <paramref name="run"/> runs the root (help), `apiserver` and every leaf command.</summary>
    public static RootCommand Create(Func<ParseResult, Task<int>> run)
    {
        var root = new RootCommand("Orchestrator: a Kubernetes control plane and node agent.")
        {
            Up(), ApiServer(), ControllerManager(), Scheduler(), Kubelet(), Proxy(), Token(), Join(), Store(), Images(), Status(), Explain(),
            new Command("help", "Help for orchestrator or for one of its commands.")
                .WithArguments(Words("command", "the command (and subcommand)")),
            new Command("completion", "Prints a shell completion script: source <(orchestrator completion bash).")
                .WithArguments(Required("shell", "the shell", BashCompletion.Shell)),
        };
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            // Store keys start with a slash: `store get /h` is a key, not Windows-style help.
            help.Aliases.Remove("/h");
            help.Aliases.Remove("/?");
        }

        SetActions(root, run);
        return root;
    }

    /// <summary>
    /// Commands whose options are declared inline (status, explain, token, images, store) carry their own action; the
    /// others (up, apiserver and the components, which share option groups) run through <paramref name="run"/> and read
    /// their typed values by name (<see cref="ParsedOptions"/>). Groups (token, store, images) have no action of their
    /// own: naming one without a verb is a usage error.
    /// </summary>
    private static void SetActions(Command command, Func<ParseResult, Task<int>> run)
    {
        if (command.Action is null && (command.Subcommands.Count == 0 || command is RootCommand || command.Name == "apiserver"))
        {
            command.SetAction(result => run(result));
        }

        foreach (var subcommand in command.Subcommands)
        {
            SetActions(subcommand, run);
        }
    }

    private static Command Up() => new Command("up", """
        All-in-one host: the API server (HTTPS on IP:PORT, default 0.0.0.0:6443) on the store (SQLite by default at
        DIR/state.db, DIR defaults to ./.orchestrator), the scheduler, the controller manager and the nodes, each with its
        own client certificate. The cluster CA and certificates are in DIR/pki, the admin kubeconfig is DIR/kubeconfig.
        """).With(
        [
            Path("data-dir", "DIR", "state, PKI and kubeconfigs (default ./.orchestrator)"),
            Value("store", "URL", "sqlite:///path/state.db (default DIR/state.db) or etcd://HOST:2379[,HOST:2379][/prefix]"),
            Port("port", "the API server's HTTPS port (default 6443)"),
            Address("bind-address", "the API server's address (default 0.0.0.0)"),
            Address("advertise-address", "the address the API server advertises"),
            Path("audit-log", "FILE", "the API server's audit log"),
            Path("encryption-key-file", "FILE", "the key that encrypts Secrets at rest"),
            Duration("metric-resolution", "how often metrics.k8s.io scrapes the kubelets (default 15s)", positive: true),
            Number("hollow-nodes", "N", "hollow nodes to run (default 0)"),
            Boolean("scheduler", "run the scheduler (default true)"),
            Boolean("controller-manager", "run the controller manager (default true)"),
            Choice("real-node", "auto|true|false", "run this host as a real node (default auto; false with --hollow-nodes)", "auto", "true", "false"),
        ],
        ApiServerSecurity(), OptionSets.ControllerManager(), LeaderElection(), Node(), RealNode("kubelet-port"), NodeServices(), Tracing());

    private static Command ApiServer()
    {
        Option[] dataDir = [Path("data-dir", "DIR", "the PKI's directory (default ./.orchestrator)")];
        Option[] extraSans = [Value("apiserver-cert-extra-sans", "NAME|IP,...", "extra names in the serving certificate")];
        var init = new Command("init", """
            Creates the shared PKI and the components' kubeconfigs (DIR/kubeconfigs/, for the endpoint) and the admin's
            (for --admin-server, copied to FILE), then exits: kubeadm's init phases certs and kubeconfig.
            """).With(
            [
                HttpsUrl("control-plane-endpoint", "the components' server (required)"),
                HttpsUrl("admin-server", "the admin kubeconfig's server (default: the endpoint)"),
                Path("admin-kubeconfig", "FILE", "where to copy the admin kubeconfig"),
                Value("node-name", "NAME", "also a kubelet kubeconfig for node NAME (kubeadm's kubelet.conf: system:node:NAME)"),
            ],
            dataDir, extraSans);
        return new Command("apiserver", """
            The API server alone (several share one etcd behind a load balancer) on the PKI in DIR/pki; its certificate
            names localhost, the host name, 127.0.0.1 and the extra SANs.
            """).With(
            [
                Value("store", "URL", "the store, etcd://HOST:2379[,HOST:2379][/prefix] (required)"),
                Port("port", "HTTPS port (default 6443)", min: 1),
                Address("bind-address", "default 0.0.0.0"),
                Address("advertise-address", "the address the API server advertises"),
            ],
            dataDir, extraSans, ApiServerSecurity()).WithSubcommands(init);
    }

    private static Command ControllerManager() =>
        new Command("controller-manager", "The controllers alone; several replicas elect a leader on a Lease in kube-system.")
            .With(Kubeconfig(), OptionSets.ControllerManager(), LeaderElection(), Metrics(), Tracing());

    private static Command Scheduler() =>
        new Command("scheduler", "The scheduler alone; several replicas elect a leader on kube-system/kube-scheduler.").With(
            Kubeconfig(),
            [
                Value("scheduler-name", "NAME", "the schedulerName this scheduler serves (default default-scheduler)"),
                Value("disable-plugins", "a,b", "scheduler plugins to turn off"),
            ],
            LeaderElection(), Metrics(), Tracing());

    private static Command Kubelet() => new Command("kubelet", """
        --runtime hollow (default): N hollow nodes (fake runtime) in one process: registration, Lease heartbeats, pods.
        --runtime containerd: one real node on a private containerd, or on the CRI runtime at --container-runtime-endpoint;
        its HTTPS server authorizes clients by SubjectAccessReview (Webhook).
        """).With(
        Kubeconfig(),
        [
            Choice("runtime", "hollow|containerd", "the node's runtime (default hollow)", "hollow", "containerd"),
            Number("nodes", "N", "hollow: how many nodes (default 1)", min: 1),
            Value("name-prefix", "P", "hollow: node name prefix (default hollow-node-)"),
            Number("first-index", "I", "hollow: the first node's number (default 0)"),
            Path("proxy-kubeconfig", "FILE", "containerd: the node proxy's kubeconfig (default the kubelet's)"),
            Path("dns-kubeconfig", "FILE", "containerd: the node DNS's kubeconfig (default the kubelet's)"),
            Path("local-path-kubeconfig", "FILE", "containerd: runs the local-path provisioner with this identity"),
        ],
        NodeLease(), Node(), RealNode("port"), NodeServices(), KubeletServing(), Metrics(), Tracing());

    private static Command Proxy() => new Command("proxy", """
        The node's service proxy (kube-proxy); --dry-run prints the ruleset it would apply (hns: the HCN v2 endpoints and
        load balancers as one JSON document, on any OS), --cleanup removes it. hns runs on Windows only.
        """).With(
        Kubeconfig(),
        [
            Value("node-name", "NAME", "the node whose proxy this is (required)"),
            Choice("mode", "nftables|iptables|hns", "the backend (default nftables)", [.. global::Orchestrator.KubeProxy.Backends.ProxyBackends.Modes]),
            RealNode.ClusterCidrOption("the pod network (default 10.244.0.0/16)"),
            Bare("dry-run", "print the ruleset and exit"),
            Bare("cleanup", "remove the ruleset and exit"),
        ],
        Hns(), Metrics(), Tracing());

    private static Command Token()
    {
        var kubeconfig = Path("kubeconfig", "FILE", "the admin kubeconfig (default $KUBECONFIG, else .orchestrator/kubeconfig)");
        kubeconfig.Recursive = true;
        var ttl = Duration("ttl", "the token's lifetime (default 24h; 0: never expires)");
        var description = Value("description", "TEXT", "what the token is for");
        var create = new Command("create", "Creates a token and prints it.").With([ttl, description]);
        create.SetAction(r => TokenCommand.CreateAsync(r.GetValue(kubeconfig), r.GetValue(ttl), r.GetValue(description), r.InvocationConfiguration.Output));
        var list = new Command("list", "Lists the tokens.");
        list.SetAction(r => TokenCommand.ListAsync(r.GetValue(kubeconfig), r.InvocationConfiguration.Output));
        var id = Required("id", "the token's ID or the token");
        var delete = new Command("delete", "Deletes a token.").WithArguments(id);
        delete.SetAction(r => TokenCommand.DeleteAsync(r.GetValue(kubeconfig), r.GetRequiredValue(id), r.InvocationConfiguration.Output));
        return new Command("token", "kubeadm's bootstrap tokens (Secrets in kube-system) for `join`.").With([kubeconfig]).WithSubcommands(create, list, delete);
    }

    private static Command Join() => new Command("join", """
        Joins this machine as a node (kubeadm's protocol): verifies cluster-info with the token and the CA hash, gets the
        kubelet's client certificate through a CSR, writes DIR/kubelet.kubeconfig, then runs the kubelet (and, for a real
        node, its proxy and DNS, as the node's identity).
        """).With(
        [
            Parsed("server", "https://HOST:6443", "the API server (required)", JoinCommand.ParseServer),
            Parsed("token", "ID.SECRET", "a bootstrap token (required)", JoinCommand.ParseToken),
            Parsed("discovery-token-ca-cert-hash", "sha256:HEX", "the cluster CA's public key hash (required)", JoinCommand.ParseCaHash),
            Path("data-dir", "DIR", "where the node's kubeconfig goes (default ./.orchestrator)"),
            Choice("runtime", "containerd|hollow", "the node's runtime (default containerd)", "containerd", "hollow"),
            Duration("timeout", "how long to wait for the certificate (default 5m)"),
            Duration("discovery-timeout", "how long to retry cluster-info (default 5m)"),
        ],
        NodeLease(), Node(), RealNode("port"), NodeServices(), KubeletServing(), Tracing());

    private static Command Store()
    {
        var url = Value("store", "URL", $"sqlite:///path/state.db (default {StoreCommand.DefaultUrl}) or etcd://HOST:2379[/prefix]");
        url.Recursive = true;
        var revision = new Command("revision", "Prints the current revision.");
        revision.SetAction(r => StoreCommand.RevisionAsync(r.GetValue(url), r.InvocationConfiguration.Output));
        var getKey = Required("key", "the key");
        var get = new Command("get", "Prints a key's value.").WithArguments(getKey);
        get.SetAction(r => StoreCommand.GetAsync(r.GetValue(url), r.GetRequiredValue(getKey), r.InvocationConfiguration.Output));
        var putKey = Required("key", "the key");
        var value = Required("value", "the value");
        var put = new Command("put", "Writes a key.").WithArguments(putKey, value);
        put.SetAction(r => StoreCommand.PutAsync(r.GetValue(url), r.GetRequiredValue(putKey), r.GetRequiredValue(value), r.InvocationConfiguration.Output));
        var delKey = Required("key", "the key");
        var del = new Command("del", "Deletes a key.").WithArguments(delKey);
        del.SetAction(r => StoreCommand.DeleteAsync(r.GetValue(url), r.GetRequiredValue(delKey), r.InvocationConfiguration.Output));
        var listPrefix = Optional("prefix", "the prefix");
        var limit = new Option<int>("--limit") { HelpName = "N", Description = "at most N keys (default 0: all)" };
        var list = new Command("list", "Lists the keys under a prefix.").WithArguments(listPrefix).With([limit]);
        list.SetAction(r => StoreCommand.ListAsync(r.GetValue(url), r.GetValue(listPrefix), r.GetValue(limit), r.InvocationConfiguration.Output));
        var watchPrefix = Optional("prefix", "the prefix");
        var from = new Option<long?>("--from") { HelpName = "REVISION", Description = "start at this revision (default: now)" };
        var watch = new Command("watch", "Prints changes under a prefix.").WithArguments(watchPrefix).With([from]);
        watch.SetAction(r => StoreCommand.WatchAsync(r.GetValue(url), r.GetValue(watchPrefix), r.GetValue(from), r.InvocationConfiguration.Output));
        var compactRevision = NoOptions(new Argument<long>("revision") { Description = "the revision" });
        var compact = new Command("compact", "Compacts the history up to a revision.").WithArguments(compactRevision);
        compact.SetAction(r => StoreCommand.CompactAsync(r.GetValue(url), r.GetValue(compactRevision), r.InvocationConfiguration.Output));
        return new Command("store", "Inspect and edit the store, like etcdctl.").With([url]).WithSubcommands(revision, get, put, del, list, watch, compact);
    }

    private static Command Images()
    {
        var output = Path("output", "FILE", "the archive (default images.tar)");
        var build = new Command("build", "Writes the OCI archive.").With([output]);
        build.SetAction(r => ImagesCommand.BuildAsync(r.GetValue(output), r.InvocationConfiguration.Output));
        var address = Path("address", "SOCK", "containerd's socket (required)");
        var archive = Path("archive", "FILE", "an archive to import (default: build one)");
        var load = new Command("load", "Imports the images into containerd.").With([address, archive]);
        load.SetAction(r => ImagesCommand.LoadAsync(r.GetValue(address), r.GetValue(archive), r.InvocationConfiguration.Output));
        var registry = Value("registry", "http://HOST:PORT", "the registry (required)");
        var push = new Command("push", "Pushes the images to a registry.").With([registry]);
        push.SetAction(r => ImagesCommand.PushAsync(r.GetValue(registry), r.InvocationConfiguration.Output));
        return new Command("images", """
            The node's local images (localhost/busybox:1.35, localhost/pause:catatonit) built from the host's busybox-static
            and catatonit: an OCI archive, imported into containerd's k8s.io namespace, or pushed to a registry.
            """).WithSubcommands(build, load, push);
    }

    private static Command Status()
    {
        var kubeconfig = AdminKubeconfig();
        var status = new Command("status", """
            The cluster at a glance: server and versions, API readiness, the leader Leases, nodes and pods.
            Exit 0 healthy, 1 API server unreachable, 3 something unhealthy (named on the last line).
            """).With([kubeconfig]);
        status.SetAction(r => StatusCommand.RunAsync(r.GetValue(kubeconfig), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return status;
    }

    private static Command Explain()
    {
        var kind = Required("kind", "what to explain", "pod");
        var name = Required("name", "the pod's name");
        var ns = Value("namespace", "NS", "the pod's namespace (default default)");
        ns.Aliases.Add("-n");
        var kubeconfig = AdminKubeconfig();
        var explain = new Command("explain", """
            Why a pod is Pending or not Ready, in words: the nodes ruled out and why, image pulls, crash loops, failing
            probes, missing claims, ConfigMaps and Secrets. Exit 1 when the pod does not exist.
            """).WithArguments(kind, name).With([ns, kubeconfig]);
        explain.SetAction(r => ExplainCommand.RunAsync(
            r.GetRequiredValue(kind), r.GetRequiredValue(name), r.GetValue(ns), r.GetValue(kubeconfig), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return explain;
    }

    private static Option<string> AdminKubeconfig() =>
        Path("kubeconfig", "FILE", "the admin kubeconfig (default ./.orchestrator/kubeconfig, else $KUBECONFIG)");
}
