using System.Globalization;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests.Admission;

/// <summary>
/// `up` (API only) with a real HTTPS webhook (<see cref="WebhookServer"/>) configured by `kubectl apply`:
/// a ValidatingWebhookConfiguration called by URL (a denying webhook limited to namespaces labelled
/// <c>webhook-e2e=on</c>, and two 1-second webhooks that never answer in time, one Ignore, one Fail, chosen by
/// object label) and a MutatingWebhookConfiguration called through a Service reference whose EndpointSlice
/// points at the webhook. Ready once a probe ConfigMap comes back mutated.
/// </summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    private WebhookServer? _webhook;

    public OrchestratorProcess Server { get; private set; } = null!;

    internal WebhookServer Webhook => _webhook ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _webhook = await WebhookServer.StartAsync();
        Server = await OrchestratorProcess.StartAsync(null, null, SqliteServerFixture.ApiOnly);
        using var kubectl = Kubectl();
        var applied = await kubectl.RunWithInputAsync(Manifest(Webhook.Port, Webhook.CaBundle), "apply", "-f", "-");
        if (applied.ExitCode != 0)
        {
            throw new InvalidOperationException("applying the webhook configurations failed: " + applied);
        }

        var probes = 0;
        KubectlResult? last = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var name = "probe-" + (++probes).ToString(CultureInfo.InvariantCulture);
                last = await kubectl.RunAsync("create", "configmap", name, "-n", "wh-on", "-o", "jsonpath={.metadata.labels.mutated}");
                return last.Stdout == "yes";
            },
            "the webhook configurations take effect",
            TimeSpan.FromSeconds(30),
            () => Task.FromResult($"last probe: {last}\nserver output:\n{Server.Output}"));
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }
    }

    public Kubectl Kubectl(string version = "1.33") => new(version, Server.Kubeconfig);

    private static string Manifest(int port, string ca)
    {
        const string Rules = """
              rules:
              - {operations: [CREATE, UPDATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps]}
              sideEffects: None
              admissionReviewVersions: [v1]
            """;
        return $$$"""
            apiVersion: v1
            kind: Namespace
            metadata: {name: wh-on, labels: {webhook-e2e: "on"}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: wh-off}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: {{{WebhookServer.ServiceNamespace}}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: hooks, namespace: {{{WebhookServer.ServiceNamespace}}}}
            spec:
              ports: [{name: https, port: 443, targetPort: {{{port}}}}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: hooks-1, namespace: {{{WebhookServer.ServiceNamespace}}}, labels: {kubernetes.io/service-name: hooks}}
            addressType: IPv4
            ports: [{name: https, port: {{{port}}}, protocol: TCP}]
            endpoints: [{addresses: ["127.0.0.1"], conditions: {ready: true}}]
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata: {name: e2e-validate}
            webhooks:
            - name: deny.e2e.example.com
              clientConfig: {url: "https://127.0.0.1:{{{port}}}/validate", caBundle: {{{ca}}}}
              namespaceSelector: {matchLabels: {webhook-e2e: "on"}}
            {{{Rules}}}
            - name: slow-ignore.e2e.example.com
              clientConfig: {url: "https://localhost:{{{port}}}/slow", caBundle: {{{ca}}}}
              objectSelector: {matchLabels: {slow: ignore}}
              failurePolicy: Ignore
              timeoutSeconds: 1
            {{{Rules}}}
            - name: slow-fail.e2e.example.com
              clientConfig: {url: "https://localhost:{{{port}}}/slow", caBundle: {{{ca}}}}
              objectSelector: {matchLabels: {slow: fail}}
              failurePolicy: Fail
              timeoutSeconds: 1
            {{{Rules}}}
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: MutatingWebhookConfiguration
            metadata: {name: e2e-mutate}
            webhooks:
            - name: mutate.e2e.example.com
              clientConfig:
                service: {namespace: {{{WebhookServer.ServiceNamespace}}}, name: hooks, path: /mutate}
                caBundle: {{{ca}}}
              namespaceSelector: {matchLabels: {webhook-e2e: "on"}}
              rules:
              - {operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps]}
              sideEffects: NoneOnDryRun
              admissionReviewVersions: [v1]
            """;
    }
}
