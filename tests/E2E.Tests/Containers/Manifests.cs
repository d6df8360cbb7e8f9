namespace Orchestrator.E2E.Tests.Containers;

/// <summary>The workloads the container tests run, all on the locally built busybox image.</summary>
internal static class Manifests
{
    public const string Image = "localhost/busybox:1.35";

    public static string Httpd(string name, int replicas = 1, string extra = "") => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}}
        spec:
          replicas: {{{replicas}}}
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: httpd
                image: {{{Image}}}
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "echo started-on-stdout; exec httpd -f -v -p 8080 -h /www"]
                ports: [{containerPort: 8080, name: http}]
        {{{extra}}}
        """;

    public static string Job(string name, string script, int backoffLimit) => $$"""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: {{name}}}
        spec:
          backoffLimit: {{backoffLimit}}
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: {{Image}}
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "{{script}}"]
        """;
}
