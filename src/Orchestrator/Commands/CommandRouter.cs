namespace Orchestrator.Host.Commands;

/// <summary>Dispatches the first argument to a command; prints usage for anything unknown.</summary>
internal static class CommandRouter
{
    public const string Usage = """
        usage: orchestrator <command> [options]

        commands:
          up [--data-dir DIR] [--store URL] [--port PORT] [--bind-address IP] [--advertise-address IP] [--hollow-nodes N]
             [--authorization-mode Node,RBAC (default)|RBAC|AlwaysAllow] [--anonymous-auth true|false] [--insecure-port N]
             [--scheduler true|false] [--controller-manager true|false] [--metric-resolution 15s]
             [controller-manager options] [node options]
              All-in-one host: the API server (HTTPS on IP:PORT, default 0.0.0.0:6443) on the store
              (SQLite by default at DIR/state.db, DIR defaults to ./.orchestrator), the scheduler, the
              controller manager and the nodes, each with its own client certificate. The cluster CA and
              certificates are in DIR/pki (created once, reused), the admin kubeconfig is DIR/kubeconfig,
              the components' are DIR/kubeconfigs/. --insecure-port N adds plain HTTP on 127.0.0.1:N
              with no authentication, for tests only (off by default). metrics.k8s.io (kubectl top) is
              served from the Ready nodes' kubelets, scraped every --metric-resolution.
          apiserver --store URL [--data-dir DIR] [--port 6443] [--bind-address IP] [--advertise-address IP]
                    [--apiserver-cert-extra-sans NAME|IP,...] [--authorization-mode M] [--anonymous-auth true|false]
              The API server alone (several share one etcd behind a load balancer) on the PKI in DIR/pki;
              its certificate names localhost, the host name, 127.0.0.1 and the extra SANs (no interface scan).
          apiserver init --control-plane-endpoint https://HOST:PORT [--data-dir DIR] [--apiserver-cert-extra-sans ...]
                         [--admin-server https://HOST:PORT] [--admin-kubeconfig F]
              Creates the shared PKI and the components' kubeconfigs (DIR/kubeconfigs/, for the endpoint) and the
              admin's (for --admin-server, copied to F), then exits: kubeadm's init phases certs and kubeconfig.
          controller-manager --kubeconfig F [--controllers a,b,-c] [--leader-elect true|false] [--identity ID]
                             [--node-monitor-grace-period 40s] [--cluster-cidr 10.244.0.0/16]
                             [--load-balancer-ip-pool nodes|CIDR,A.B.C.D-A.B.C.E,...]
                             [--cluster-signing-cert-file F --cluster-signing-key-file F] [--cluster-signing-duration 8760h]
                             [--horizontal-pod-autoscaler-sync-period 15s] [--horizontal-pod-autoscaler-tolerance 0.1]
                             [--horizontal-pod-autoscaler-downscale-stabilization 5m0s]
                             [--horizontal-pod-autoscaler-cpu-initialization-period 5m0s]
                             [--horizontal-pod-autoscaler-initial-readiness-delay 30s]
                             [--image-update-interval 5m0s] [--image-update-request-timeout 3s]
              The controllers alone; several replicas elect a leader on a Lease in kube-system.
          scheduler --kubeconfig F [--leader-elect true|false] [--identity ID] [--scheduler-name NAME] [--disable-plugins a,b]
              The scheduler alone; several replicas elect a leader on kube-system/kube-scheduler.
          kubelet --kubeconfig F [--runtime hollow] [--nodes N] [--name-prefix P] [--first-index I]
                  [--node-lease-duration-seconds 40] [node options]
              N hollow nodes (fake runtime) in one process: registration, Lease heartbeats, pods.
          kubelet --kubeconfig F --runtime containerd [--node-name N] [--node-ip IP] [--root-dir DIR] [--port 10250]
                  [--containerd-state-dir DIR | --container-runtime-endpoint unix:///S.sock|npipe://./pipe/P]
                  [--cgroup-root /kubepods] [--tls-cert-file F --tls-private-key-file F] [--client-ca-file F]
                  [--authorization-mode Webhook|AlwaysAllow]
                  [--proxy-kubeconfig F] [--dns-kubeconfig F] [--local-path-kubeconfig F] [real node options]
              One real node on a private containerd (started in the kubelet's network namespace), or on
              the existing CRI runtime at --container-runtime-endpoint (no containerd started, no images
              imported, no pod network set up: the runtime's CNI config connects the pods). --os windows
              (Windows hosts only): npipe://./pipe/containerd-containerd by default, the build from the
              registry, proxy mode hns, no node DNS. Its
              server is HTTPS (a self-signed certificate in DIR/pki unless given) and serves only clients
              with a certificate from --client-ca-file (default: the kubeconfig's CA), each authorized with a
              SubjectAccessReview on nodes/NODE/stats|metrics|log|proxy (Webhook, the default). The node's proxy
              and DNS use their own kubeconfigs when given, else the kubelet's; its local-path volume
              provisioner runs only with --local-path-kubeconfig (no node identity may create volumes).
          proxy --kubeconfig F --node-name N [--mode nftables|iptables|hns] [--cluster-cidr 10.244.0.0/16] [--dry-run] [--cleanup]
                [hns: --network-name N (else $KUBE_NETWORK)] [--network-type L2Bridge|Overlay] [--source-vip IP] [--enable-dsr]
              The node's service proxy (kube-proxy); --dry-run prints the ruleset it would apply (hns: the HCN v2 endpoints and
              load balancers as one JSON document, on any OS), --cleanup removes it. hns runs on Windows only.
          component options (controller-manager, scheduler, kubelet, proxy):
                        --metrics-bind-address HOST:PORT   Prometheus /metrics on plain HTTP (off by default; 0: off);
                            in `up` every component's metrics are on the API server's authorized /metrics
          tracing options (up, controller-manager, scheduler, kubelet, proxy, join):
                        --otlp-endpoint URL   OpenTelemetry traces by OTLP to URL (off by default)
                        --otlp-protocol http/protobuf|grpc   http/protobuf (default): POST URL/v1/traces
                        --tracing-sampling-ratio R   0..1 of new traces kept (default 1 with an endpoint;
                            0: only requests whose traceparent is sampled, upstream's default)
          node options: --os linux|windows [--windows-build 10.0.20348 (hollow)] --cpu 4 --memory 16Gi --max-pods 110
                        --labels k=v,... --taints k=v:NoSchedule,...
          real node options (kubelet --runtime containerd, and up's own node):
                        --cluster-cidr 10.244.0.0/16 (up: the controller manager's value)
                        --pod-network host-gw|none   host-gw: routes to the other nodes' podCIDRs via
                            their InternalIP (ip route proto 149) and masquerade for pod traffic leaving
                            the cluster CIDR (an nftables table per node); none: the CNI bridge only
                        --proxy-mode nftables|iptables|none   the node's service proxy (default nftables)
                            a Windows node: hns|none (default hns) with --network-name N (else $KUBE_NETWORK)
                            [--source-vip IP] [--enable-dsr]
                        --node-dns true|false --dns-port 53    the node's cluster DNS on its node IP, the
                            local endpoint of kube-system/kube-dns (10.96.0.10)
                        --cluster-dns 10.96.0.10 --cluster-domain cluster.local   pods' resolv.conf
                        --stats true|false   the kubelet's /stats/summary, /metrics/resource and
                            /metrics/cadvisor (cpu and memory from CRI and cgroups); false: 404
          token create [--ttl 24h] [--description D] [--kubeconfig F] | list [--kubeconfig F] | delete ID|TOKEN [--kubeconfig F]
              kubeadm's bootstrap tokens (Secrets in kube-system) for `join`; --ttl 0 never expires.
          join --server https://HOST:6443 --token ID.SECRET --discovery-token-ca-cert-hash sha256:HEX
               [--data-dir DIR] [--node-name N] [--runtime containerd|hollow] [--os linux|windows] [--node-ip IP]
               [--timeout 5m] [--discovery-timeout 5m] [node options] [real node options]
              Joins this machine as a node (kubeadm's protocol): verifies cluster-info with the token and
              the CA hash (retried until --discovery-timeout while cluster-info is not yet signed for the
              token), gets the kubelet's client certificate through a CSR, writes DIR/kubelet.kubeconfig,
              then runs the kubelet (and, for a real node, its proxy and DNS, as the node's identity).
          store [--store URL] <verb> ...
              Inspect and edit the store, like etcdctl:
                revision | get KEY | put KEY VALUE | del KEY | list [PREFIX] [--limit N]
                watch [PREFIX] [--from REVISION] | compact REVISION
          images build [--output images.tar] | load --address SOCK [--archive F] | push --registry http://HOST:PORT
              The node's local images (localhost/busybox:1.35, localhost/pause:catatonit) built from the
              host's busybox-static and catatonit: an OCI archive, imported into containerd's k8s.io
              namespace, or pushed to a registry (as HOST:PORT/busybox:1.35, HOST:PORT/pause:catatonit).
          status [--kubeconfig F]
              The cluster at a glance: server and versions, API readiness, the scheduler's and controller
              manager's leader Leases, nodes (Ready, roles, os/arch, version, pods, lease), pods by phase.
              Exit 0 healthy, 1 API server unreachable, 3 something unhealthy (named on the last line).
          explain pod NAME [-n|--namespace NS] [--kubeconfig F]
              Why a pod is Pending or not Ready, in words: the nodes ruled out and why (with the amounts),
              image pulls, crash loops (exit code, last log lines), failing probes, missing claims, ConfigMaps
              and Secrets, init containers, finalizers. Exit 1 when the pod does not exist.
              (status and explain: --kubeconfig, else ./.orchestrator/kubeconfig, else $KUBECONFIG)
          help

        store URLs: sqlite:///path/to/state.db (default: sqlite://.orchestrator/state.db)
                    etcd://127.0.0.1:2379[/key-prefix]
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var arguments = new Arguments(args);
            var command = arguments.TakeVerb();
            return command switch
            {
                "up" => await UpCommand.RunAsync(arguments, output),
                "apiserver" => await ApiServerCommand.RunAsync(arguments, output),
                "store" => await StoreCommand.RunAsync(arguments, output),
                "controller-manager" => await ControllerManagerCommand.RunAsync(arguments, output),
                "kubelet" => await KubeletCommand.RunAsync(arguments, output),
                "scheduler" => await SchedulerCommand.RunAsync(arguments, output),
                "proxy" => await ProxyCommand.RunAsync(arguments, output),
                "images" => await ImagesCommand.RunAsync(arguments, output),
                "token" => await TokenCommand.RunAsync(arguments, output),
                "join" => await JoinCommand.RunAsync(arguments, output),
                "status" => await StatusCommand.RunAsync(arguments, output, error),
                "explain" => await ExplainCommand.RunAsync(arguments, output, error),
                null or "help" or "--help" or "-h" => Help(output),
                _ => throw new UsageException($"unknown command \"{command}\""),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}\n\n{Usage}");
            return 2;
        }
        catch (Exception e) when (e is Orchestrator.Store.StoreException or ArgumentException or Pki.PkiException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return 0;
    }
}
