using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.Host.Pki;
using Orchestrator.Testing.HelmTemplate;

namespace Orchestrator.Orchestrator.Tests.Chart;

/// <summary>charts/orchestrator rendered by the test renderer: every document is YAML of a known kind, and what each variant must hold.</summary>
public sealed class ChartRenderTests
{
    private const string EtcdValues = "store: {etcd: {enabled: true}}\napiserver: {replicas: 2}";

    private static List<object> Objects(string overrides = "")
    {
        var render = new ChartRenderer(ChartLocation.Orchestrator).Render("demo", "control-plane", overrides);
        var objects = new List<object>();
        foreach (var (template, document) in render.Documents())
        {
            var parsed = KubernetesYaml.LoadAllFromString(document);
            Assert.True(parsed.Count == 1, $"{template}: expected one object, got {parsed.Count}:\n{document}");
            objects.Add(parsed[0]);
        }

        return objects;
    }

    private static T One<T>(List<object> objects, string name) where T : IKubernetesObject<V1ObjectMeta> =>
        Assert.Single(objects.OfType<T>(), o => o.Metadata.Name == name);

    [Fact]
    public void DefaultsRunOneApiServerOnSqliteWithItsClaimAndTwoOfEachController()
    {
        var objects = Objects();
        Assert.Equal(
            ["PersistentVolumeClaim/demo-orchestrator-apiserver", "Role/demo-orchestrator", "RoleBinding/demo-orchestrator", "Secret/demo-orchestrator-pki",
             "Service/demo-orchestrator-apiserver", "ServiceAccount/demo-orchestrator",
             "Deployment/demo-orchestrator-apiserver", "Deployment/demo-orchestrator-controller-manager", "Deployment/demo-orchestrator-scheduler"],
            objects.Cast<IKubernetesObject<V1ObjectMeta>>().Select(o => $"{o.Kind}/{o.Metadata.Name}").Order(StringComparer.Ordinal).OrderBy(k => k.StartsWith("Deployment/", StringComparison.Ordinal)));
        var apiserver = One<V1Deployment>(objects, "demo-orchestrator-apiserver");
        Assert.Equal(1, apiserver.Spec.Replicas);
        Assert.Equal("Recreate", apiserver.Spec.Strategy.Type);
        var container = Assert.Single(apiserver.Spec.Template.Spec.Containers);
        Assert.Equal("orchestrator:compose", container.Image);
        Assert.Equal(["orchestrator"], container.Command);
        Assert.Contains("--store=sqlite:///var/lib/orchestrator/state.db", container.Args);
        Assert.Contains("--scheduler=false", container.Args);
        Assert.Equal("demo-orchestrator-apiserver", apiserver.Spec.Template.Spec.Volumes.Single(v => v.Name == "data").PersistentVolumeClaim.ClaimName);
        Assert.Equal(apiserver.Spec.Selector.MatchLabels, One<V1Service>(objects, "demo-orchestrator-apiserver").Spec.Selector);
        foreach (var name in new[] { "demo-orchestrator-scheduler", "demo-orchestrator-controller-manager" })
        {
            var deployment = One<V1Deployment>(objects, name);
            Assert.Equal(2, deployment.Spec.Replicas);
            Assert.Contains("--leader-elect=true", deployment.Spec.Template.Spec.Containers[0].Args);
            Assert.Equal(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels);
            Assert.False(deployment.Spec.Template.Spec.AutomountServiceAccountToken);
        }
    }

    [Fact]
    public void EtcdVariantRunsThreeMembersAndSeveralApiServersWithoutAClaim()
    {
        var objects = Objects(EtcdValues);
        Assert.Empty(objects.OfType<V1PersistentVolumeClaim>());
        var etcd = One<V1StatefulSet>(objects, "demo-orchestrator-etcd");
        Assert.Equal(3, etcd.Spec.Replicas);
        Assert.Equal("Parallel", etcd.Spec.PodManagementPolicy);
        Assert.Equal("demo-orchestrator-etcd-headless", etcd.Spec.ServiceName);
        Assert.Contains(
            "--initial-cluster=demo-orchestrator-etcd-0=http://demo-orchestrator-etcd-0.demo-orchestrator-etcd-headless.control-plane.svc:2380,"
            + "demo-orchestrator-etcd-1=http://demo-orchestrator-etcd-1.demo-orchestrator-etcd-headless.control-plane.svc:2380,"
            + "demo-orchestrator-etcd-2=http://demo-orchestrator-etcd-2.demo-orchestrator-etcd-headless.control-plane.svc:2380",
            etcd.Spec.Template.Spec.Containers[0].Args);
        Assert.Equal("None", One<V1Service>(objects, "demo-orchestrator-etcd-headless").Spec.ClusterIP);
        var apiserver = One<V1Deployment>(objects, "demo-orchestrator-apiserver");
        Assert.Equal(2, apiserver.Spec.Replicas);
        Assert.Equal("RollingUpdate", apiserver.Spec.Strategy.Type);
        Assert.Contains(
            "--store=etcd://demo-orchestrator-etcd-0.demo-orchestrator-etcd-headless.control-plane.svc:2379,"
            + "demo-orchestrator-etcd-1.demo-orchestrator-etcd-headless.control-plane.svc:2379,"
            + "demo-orchestrator-etcd-2.demo-orchestrator-etcd-headless.control-plane.svc:2379/registry",
            apiserver.Spec.Template.Spec.Containers[0].Args);
        Assert.NotNull(apiserver.Spec.Template.Spec.Volumes.Single(v => v.Name == "data").EmptyDir);
    }

    [Fact]
    public void ExternalEtcdAndServiceTypeComeFromValues()
    {
        var objects = Objects("store: {etcd: {endpoints: ['e1:2379', 'e2:2379'], prefix: /o}}\napiserver: {service: {type: NodePort, nodePort: 30443}}\nscheduler: {enabled: false}");
        Assert.Empty(objects.OfType<V1StatefulSet>());
        Assert.Contains("--store=etcd://e1:2379,e2:2379/o", One<V1Deployment>(objects, "demo-orchestrator-apiserver").Spec.Template.Spec.Containers[0].Args);
        var service = One<V1Service>(objects, "demo-orchestrator-apiserver");
        Assert.Equal("NodePort", service.Spec.Type);
        Assert.Equal(30443, Assert.Single(service.Spec.Ports).NodePort);
        Assert.DoesNotContain(objects.OfType<V1Deployment>(), d => d.Metadata.Name.EndsWith("-scheduler", StringComparison.Ordinal));
    }

    [Fact]
    public void SeveralApiServersOnSqliteFailTheRender()
    {
        var error = Assert.Throws<TemplateException>(() => Objects("apiserver: {replicas: 2}"));
        Assert.Contains("needs etcd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExistingSecretReplacesTheGeneratedOne()
    {
        var objects = Objects("pki: {existingSecret: my-pki}");
        Assert.Empty(objects.OfType<V1Secret>());
        Assert.All(objects.OfType<V1Deployment>(), d => Assert.Contains(d.Spec.Template.Spec.Volumes, v => v.Secret?.SecretName == "my-pki"));
        Assert.Equal(["my-pki"], One<V1Role>(objects, "demo-orchestrator").Rules[0].ResourceNames);
    }

    [Fact]
    public void GeneratedPkiIsWhatUpLoadsAndTheKubeconfigsAuthenticateAgainstIt()
    {
        var secret = One<V1Secret>(Objects(), "demo-orchestrator-pki");
        string Text(string key) => Encoding.UTF8.GetString(secret.Data[key]);
        var directory = Directory.CreateTempSubdirectory("chart-pki-");
        try
        {
            var pki = Directory.CreateDirectory(Path.Combine(directory.FullName, "pki")).FullName;
            foreach (var key in new[] { "ca.crt", "ca.key", "front-proxy-ca.crt", "front-proxy-ca.key", "sa.key" })
            {
                File.WriteAllText(Path.Combine(pki, key), Text(key));
            }

            // The API server's pod mounts these files into DATA/pki: `up` must take them, not replace them.
            using var cluster = ClusterPki.LoadOrCreate(directory.FullName, ApiServerNames.Compute("demo-0", IPAddress.Any, null, []));
            using var chartCa = X509Certificate2.CreateFromPem(Text("ca.crt"));
            Assert.Equal(chartCa.Thumbprint, cluster.CaCertificate.Thumbprint);
            Assert.True(CertificateChains.IssuedBy(cluster.ServingCertificate, cluster.Authority.Certificate, DateTimeOffset.UtcNow));

            foreach (var (key, user) in new[] { ("scheduler.kubeconfig", "system:kube-scheduler"), ("controller-manager.kubeconfig", "system:kube-controller-manager") })
            {
                using var stream = new MemoryStream(secret.Data[key]);
                var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
                Assert.Equal("https://demo-orchestrator-apiserver.control-plane.svc:6443", config.Host.TrimEnd('/'));
                Assert.Equal("kubernetes.default.svc", config.TlsServerName);
                using var client = X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(config.ClientCertificateData)));
                Assert.Equal("CN=" + user, client.Subject);
                Assert.True(CertificateChains.IssuedBy(client, cluster.Authority.Certificate, DateTimeOffset.UtcNow), $"{key}: not issued by the cluster CA");
                // The serving certificate `up` issued carries the name the kubeconfig asks for.
                Assert.True(cluster.ServingCertificate.MatchesHostname("kubernetes.default.svc"));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void NotesSayHowToGetTheKubeconfig()
    {
        var notes = new ChartRenderer(ChartLocation.Orchestrator).Render("demo", "control-plane").Notes;
        Assert.Contains("kubectl -n control-plane exec deployment/demo-orchestrator-apiserver -- cat /var/lib/orchestrator/kubeconfig > orchestrator.kubeconfig", notes, StringComparison.Ordinal);
        Assert.Contains("port-forward service/demo-orchestrator-apiserver 6443:6443", notes, StringComparison.Ordinal);
    }
}
