using System.CommandLine.Parsing;
using Orchestrator.Host.Commands.Definition;

namespace Orchestrator.Orchestrator.Tests.Commands.Definition;

/// <summary>
/// The invocations tests, bench scripts, docs, docker-compose.yml and the chart use still parse, each option with the
/// text given and a typed value the command reads. Tokens and CA hashes are well-formed ones (the scripts fill them in).
/// </summary>
public sealed class DocumentedInvocationsTests
{
    [Theory]
    // docker-compose.yml, docs/compose.md
    [InlineData("apiserver init --data-dir=/var/lib/orchestrator --control-plane-endpoint https://apiserver-lb:6443 --admin-server https://127.0.0.1:6443", "admin-server", "https://127.0.0.1:6443")]
    [InlineData("apiserver --data-dir=/var/lib/orchestrator --store=etcd://etcd-1:2379,etcd-2:2379,etcd-3:2379 --apiserver-cert-extra-sans=apiserver-1,apiserver-2,apiserver-lb", "store", "etcd://etcd-1:2379,etcd-2:2379,etcd-3:2379")]
    [InlineData("scheduler --kubeconfig=/var/lib/orchestrator/kubeconfigs/scheduler.kubeconfig --leader-elect=true", "leader-elect", "true")]
    [InlineData("controller-manager --kubeconfig=/k --leader-elect=true --root-ca-file=/p/ca.crt --cluster-signing-cert-file=/p/ca.crt --cluster-signing-key-file=/p/ca.key", "cluster-signing-key-file", "/p/ca.key")]
    [InlineData("kubelet --kubeconfig=/k --runtime=hollow --nodes=3 --name-prefix=hollow-node-", "nodes", "3")]
    // docs/helm-chart.md, charts/
    [InlineData("up --scheduler=false --controller-manager=false --real-node=false", "real-node", "false")]
    [InlineData("scheduler --leader-elect=true --identity=pod-1", "identity", "pod-1")]
    [InlineData("join --server https://ADDRESS:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:0000000000000000000000000000000000000000000000000000000000000000", "token", "abcdef.0123456789abcdef")]
    // bench/up.sh, bench/join.sh
    [InlineData("up --data-dir /tmp/d --port 6443 --bind-address 127.0.0.1 --hollow-nodes 1 --real-node false", "hollow-nodes", "1")]
    [InlineData("up --data-dir /w/cp --port 7000 --real-node false --bind-address 0.0.0.0 --advertise-address 10.0.0.254 --cluster-cidr 10.250.0.0/16", "cluster-cidr", "10.250.0.0/16")]
    [InlineData("token create --kubeconfig /w/cp/kubeconfig --description bench-join", "description", "bench-join")]
    [InlineData("join --server https://10.0.0.254:7000 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:0000000000000000000000000000000000000000000000000000000000000000 --runtime containerd --node-name bench-real-1 --data-dir /w/real-1 --cluster-cidr 10.250.0.0/16", "node-name", "bench-real-1")]
    [InlineData("join --server s --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:0000000000000000000000000000000000000000000000000000000000000000 --runtime hollow --node-name bench-hollow-1 --data-dir /w/hollow-1", "runtime", "hollow")]
    // tests/
    [InlineData("kubelet --kubeconfig k --nodes 1 --name-prefix extra- --first-index 20 --node-lease-duration-seconds 4", "node-lease-duration-seconds", "4")]
    [InlineData("kubelet --kubeconfig k --nodes 1 --name-prefix win- --first-index 41 --os windows --windows-build 10.0.17763 --taints os=windows:NoSchedule", "taints", "os=windows:NoSchedule")]
    [InlineData("kubelet --kubeconfig k --proxy-kubeconfig p --dns-kubeconfig d --local-path-kubeconfig l --runtime containerd --node-name n --node-ip 10.0.0.2 --root-dir /r --pod-network none --proxy-mode none --node-dns false", "local-path-kubeconfig", "l")]
    [InlineData("kubelet --kubeconfig k --runtime containerd --container-runtime-endpoint unix:///run/containerd/containerd.sock --cgroup-root /kubepods", "container-runtime-endpoint", "unix:///run/containerd/containerd.sock")]
    [InlineData("proxy --mode hns --dry-run --node-name n --kubeconfig k --network-type Overlay --source-vip 10.244.1.2", "dry-run", "true")]
    [InlineData("proxy --mode hns --node-name n --kubeconfig k --network-name cbr0 --enable-dsr", "enable-dsr", "true")]
    [InlineData("proxy --kubeconfig k --node-name node-a --cleanup", "cleanup", "true")]
    [InlineData("scheduler --kubeconfig k --scheduler-name metrics-test --leader-elect false --metrics-bind-address 127.0.0.1:10259", "metrics-bind-address", "127.0.0.1:10259")]
    [InlineData("scheduler --kubeconfig sched.kubeconfig --otlp-endpoint http://collector:4317 --otlp-protocol grpc --tracing-sampling-ratio 0.1", "otlp-protocol", "grpc")]
    [InlineData("controller-manager --controllers *,-horizontalpodautoscaling --image-update-interval 1s --image-update-request-timeout 500ms", "controllers", "*,-horizontalpodautoscaling")]
    [InlineData("up --insecure-port 8080 --authorization-mode Node,RBAC --anonymous-auth false --metric-resolution 1s --kubelet-port 10251", "kubelet-port", "10251")]
    [InlineData("store --store sqlite:///x.db list /pods/ --limit=5", "limit", "5")]
    [InlineData("store watch /pods/ --from 7 --store sqlite:///x.db", "store", "sqlite:///x.db")]
    [InlineData("images load --address /run/c.sock --archive images.tar", "archive", "images.tar")]
    [InlineData("explain pod web -n shop --kubeconfig k", "namespace", "shop")]
    [InlineData("explain -n shop pod web", "namespace", "shop")]
    [InlineData("status --kubeconfig k", "kubeconfig", "k")]
    public void Parses_and_hands_the_value_to_the_command(string commandLine, string option, string value)
    {
        var parsed = ParsedCommandLine.Parse(commandLine.Split(' '));
        var given = parsed.CommandPath().SelectMany(c => c.Children).OfType<OptionResult>().Single(o => o.Option.Name == "--" + option);

        Assert.Equal(value, given.Tokens.Count > 0 ? given.Tokens[^1].Value : "true");
        Assert.NotNull(parsed.GetValue<object>("--" + option));
    }

    [Theory]
    [InlineData("store --store s put /k v", new[] { "put", "/k", "v" })]
    [InlineData("token delete abcdef", new[] { "delete", "abcdef" })]
    [InlineData("apiserver init", new[] { "init" })]
    [InlineData("explain pod web", new[] { "pod", "web" })]
    [InlineData("store get /h", new[] { "get", "/h" })]
    public void Subcommands_and_arguments_reach_the_command_in_order(string commandLine, string[] words)
    {
        var path = ParsedCommandLine.Parse(commandLine.Split(' ')).CommandPath();
        var given = path.Skip(2).Select(c => c.Command.Name)
            .Concat(path.SelectMany(c => c.Children.OfType<ArgumentResult>()).SelectMany(a => a.Tokens.Select(t => t.Value)));

        Assert.Equal(words, given);
    }
}
