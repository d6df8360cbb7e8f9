using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// The built-in kinds install bundles carry (networking, storage, autoscaling, admission registration,
/// API registration) through real kubectl 1.33 and 1.27: one manifest with one of each applied, every
/// kind listed with upstream's columns, the default StorageClass and IngressClass filled in at create,
/// explain, an invalid object refused with upstream's message, a second apply unchanged, delete.
/// </summary>
public sealed class KindsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    public static TheoryData<string> Versions => KubectlTests.Versions;

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_manifest_with_every_kind_applies_lists_reapplies_unchanged_and_deletes(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var s = version.Replace(".", "", StringComparison.Ordinal);
        var ns = "kinds-" + s;
        Assert.Equal(0, (await kubectl.RunAsync("create", "namespace", ns)).ExitCode);
        var manifest = Manifest(s, ns);

        var applied = await kubectl.RunWithInputAsync(manifest, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal(12, applied.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith(" created", StringComparison.Ordinal)));

        await AssertTableAsync(kubectl, ["get", "ingress", "-n", ns], "NAME CLASS HOSTS ADDRESS PORTS AGE", $"web ic-{s} web.example.com 80, 443");
        await AssertTableAsync(kubectl, ["get", "sc", "sc-" + s], "NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE", $"sc-{s} (default) ebs.csi.aws.com Delete WaitForFirstConsumer true");
        await AssertTableAsync(kubectl, ["get", "hpa", "-n", ns], "NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE", "web Deployment/web cpu: <unknown>/50% 2 10 0");
        await AssertTableAsync(kubectl, ["get", "hpa.v2.autoscaling", "-n", ns], "NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE", "web Deployment/web cpu: <unknown>/50% 2 10 0");
        await AssertTableAsync(kubectl, ["get", "ingressclass", "ic-" + s], "NAME CONTROLLER PARAMETERS AGE", $"ic-{s} k8s.io/ingress-nginx <none>");
        await AssertTableAsync(kubectl, ["get", "netpol", "-n", ns], "NAME POD-SELECTOR AGE", "db role=db");
        await AssertTableAsync(kubectl, ["get", "csidriver", $"d{s}.csi.example.com"], "NAME ATTACHREQUIRED PODINFOONMOUNT STORAGECAPACITY TOKENREQUESTS REQUIRESREPUBLISH MODES AGE", $"d{s}.csi.example.com true false false <unset> false Persistent");
        await AssertTableAsync(kubectl, ["get", "csinode", "node-" + s], "NAME DRIVERS AGE", $"node-{s} 1");
        await AssertTableAsync(kubectl, ["get", "volumeattachment", "va-" + s], "NAME ATTACHER PV NODE ATTACHED AGE", $"va-{s} d{s}.csi.example.com pv-1 node-{s} false");
        await AssertTableAsync(kubectl, ["get", "validatingwebhookconfiguration", "vw-" + s], "NAME WEBHOOKS AGE", $"vw-{s} 1");
        await AssertTableAsync(kubectl, ["get", "mutatingwebhookconfiguration", "mw-" + s], "NAME WEBHOOKS AGE", $"mw-{s} 1");
        // The availability controller finds no Service behind the APIService (upstream's reason), a moment after the create.
        await Eventually.TrueAsync(async () => (await kubectl.RunAsync("get", "apiservice", $"v1beta1.m{s}.example.com", "-o", "jsonpath={.status.conditions[0].reason}")).Stdout == "ServiceNotFound", "the APIService is checked");
        await AssertTableAsync(kubectl, ["get", "apiservice", $"v1beta1.m{s}.example.com"], "NAME SERVICE AVAILABLE AGE", $"v1beta1.m{s}.example.com kube-system/metrics-server False (ServiceNotFound)");

        var claimClass = await kubectl.RunAsync("get", "pvc", "data", "-n", ns, "-o", "jsonpath={.spec.storageClassName}");
        Assert.Equal("sc-" + s, claimClass.Stdout);

        var apis = await kubectl.RunAsync("api-versions");
        Assert.Contains("autoscaling/v2", apis.Stdout.Split('\n'));
        Assert.DoesNotContain($"m{s}.example.com/v1beta1", apis.Stdout.Split('\n'));

        var reapplied = await kubectl.RunWithInputAsync(manifest, "apply", "-f", "-");
        Assert.True(reapplied.ExitCode == 0, reapplied.ToString());
        Assert.All(reapplied.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.EndsWith(" unchanged", l, StringComparison.Ordinal));

        // A changed webhook goes through a strategic merge patch keyed by webhook name ($setElementOrder/webhooks).
        var changed = await kubectl.RunWithInputAsync(manifest.Replace("sideEffects: None\n", "sideEffects: None\n  timeoutSeconds: 5\n", StringComparison.Ordinal), "apply", "-f", "-");
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Contains($"validatingwebhookconfiguration.admissionregistration.k8s.io/vw-{s} configured", changed.Stdout, StringComparison.Ordinal);
        var timeout = await kubectl.RunAsync("get", "validatingwebhookconfiguration", "vw-" + s, "-o", "jsonpath={.webhooks[0].timeoutSeconds} {.webhooks[0].failurePolicy}");
        Assert.Equal("5 Fail", timeout.Stdout);

        var deleted = await kubectl.RunWithInputAsync(manifest, "delete", "-f", "-", "--wait=false");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());

        // StorageObjectInUseProtection gave the claim its finalizer; no controller manager runs here to take it
        // off (as with an upstream API server alone), so the test does what pvc-protection would.
        var held = await kubectl.RunAsync("get", "pvc", "data", "-n", ns, "-o", "jsonpath={.metadata.finalizers}");
        Assert.Contains("kubernetes.io/pvc-protection", held.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await kubectl.RunAsync("patch", "pvc", "data", "-n", ns, "--type=merge", "-p", """{"metadata":{"finalizers":null}}""")).ExitCode);
        var gone = await kubectl.RunAsync("get", "ingress,netpol,hpa,pvc", "-n", ns, "-o", "name");
        Assert.Equal("", gone.Stdout.Trim());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Invalid_objects_are_refused_with_upstreams_messages(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        const string Ingress = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: bad, namespace: default}
            spec:
              rules:
              - host: 10.0.0.1
                http:
                  paths:
                  - {path: /, pathType: Regex, backend: {service: {name: web, port: {number: 80}}}}
            """;

        var result = await kubectl.RunWithInputAsync(Ingress, "apply", "-f", "-");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("The Ingress \"bad\" is invalid:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.rules[0].http.paths[0].pathType: Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Create_ingress_sends_a_body_the_server_decodes(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);
        var name = "simple-" + version.Replace(".", "", StringComparison.Ordinal);

        var created = await kubectl.RunAsync("create", "ingress", name, "-n", "default", "--class=other", "--rule=foo.example.com/bar*=svc1:8080,tls=my-cert");
        Assert.True(created.ExitCode == 0, created.ToString());
        var spec = await kubectl.RunAsync("get", "ingress", name, "-n", "default", "-o", "jsonpath={.spec.ingressClassName} {.spec.rules[0].http.paths[0].path} {.spec.rules[0].http.paths[0].pathType} {.spec.rules[0].http.paths[0].backend.service.port.number} {.spec.tls[0].secretName}");
        Assert.Equal("other /bar Prefix 8080 my-cert", spec.Stdout);
        Assert.Equal(0, (await kubectl.RunAsync("delete", "ingress", name, "-n", "default")).ExitCode);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Explain_describes_ingress_rules(string version)
    {
        using var kubectl = new Kubectl(version, fixture.Server.Kubeconfig);

        var result = await kubectl.RunAsync("explain", "ingress.spec.rules");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("KIND:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Ingress", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("host", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("http", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The header and the row starting with the row's first word, compared with runs of spaces collapsed and the AGE cell dropped.</summary>
    private static async Task AssertTableAsync(Kubectl kubectl, string[] args, string header, string row)
    {
        var result = await kubectl.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Collapse).ToList();
        Assert.Equal(header, lines[0]);
        var first = row.Split(' ')[0];
        var line = Assert.Single(lines, l => l.StartsWith(first + " ", StringComparison.Ordinal));
        Assert.Equal(row, line[..line.LastIndexOf(' ')]);
    }

    private static string Collapse(string line) =>
        string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Replace(", ", ",", StringComparison.Ordinal).Replace(",", ", ", StringComparison.Ordinal);

    private static string Manifest(string s, string ns) => $$"""
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: sc-{{s}}
          annotations: {storageclass.kubernetes.io/is-default-class: "true"}
        provisioner: ebs.csi.aws.com
        volumeBindingMode: WaitForFirstConsumer
        allowVolumeExpansion: true
        parameters: {type: gp3}
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: ic-{{s}}
          annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
        spec: {controller: k8s.io/ingress-nginx}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: {{ns}} }
        spec:
          tls: [{hosts: [web.example.com], secretName: web-tls}]
          rules:
          - host: web.example.com
            http:
              paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: web, port: {number: 80} } }
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db, namespace: {{ns}} }
        spec:
          podSelector: {matchLabels: {role: db} }
          ingress:
          - from: [{podSelector: {matchLabels: {role: web} } }]
            ports: [{protocol: TCP, port: 5432}]
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data, namespace: {{ns}} }
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi} }
        ---
        apiVersion: storage.k8s.io/v1
        kind: CSIDriver
        metadata: {name: d{{s}}.csi.example.com}
        spec: {attachRequired: true, podInfoOnMount: false}
        ---
        apiVersion: storage.k8s.io/v1
        kind: CSINode
        metadata: {name: node-{{s}} }
        spec:
          drivers: [{name: d{{s}}.csi.example.com, nodeID: i-0123, topologyKeys: [topology.kubernetes.io/zone]}]
        ---
        apiVersion: storage.k8s.io/v1
        kind: VolumeAttachment
        metadata: {name: va-{{s}} }
        spec: {attacher: d{{s}}.csi.example.com, nodeName: node-{{s}}, source: {persistentVolumeName: pv-1} }
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web, namespace: {{ns}} }
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 2
          maxReplicas: 10
          metrics:
          - type: Resource
            resource: {name: cpu, target: {type: Utilization, averageUtilization: 50} }
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata: {name: vw-{{s}} }
        webhooks:
        - name: validate.example.com
          sideEffects: None
          admissionReviewVersions: [v1]
          clientConfig: {service: {namespace: kube-system, name: webhook, path: /validate} }
          rules: [{operations: [CREATE, UPDATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments], scope: Namespaced}]
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: MutatingWebhookConfiguration
        metadata: {name: mw-{{s}} }
        webhooks:
        - name: mutate.example.com
          sideEffects: NoneOnDryRun
          admissionReviewVersions: [v1, v1beta1]
          clientConfig: {url: "https://webhook.example.com:8443/mutate"}
          rules: [{operations: ["*"], apiGroups: [""], apiVersions: [v1], resources: [pods], scope: "*"}]
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata: {name: v1beta1.m{{s}}.example.com}
        spec:
          group: m{{s}}.example.com
          version: v1beta1
          groupPriorityMinimum: 100
          versionPriority: 100
          insecureSkipTLSVerify: true
          service: {namespace: kube-system, name: metrics-server}
        """;
}
