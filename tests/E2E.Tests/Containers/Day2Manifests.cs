namespace Orchestrator.E2E.Tests.Containers;

/// <summary>The workloads of <see cref="Day2KubectlTests"/>: a sleeping pod, and pods with two containers.</summary>
internal static class Day2Manifests
{
    public static string Sleeper(string name) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{name}}}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: {{Manifests.Image}}
            imagePullPolicy: IfNotPresent
            command: ["sleep", "3600"]
        """;

    public static string TwoContainerPod(string name) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{name}}}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - {name: main, image: {{Manifests.Image}}, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"]}
          - {name: side, image: {{Manifests.Image}}, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"]}
        """;

    public static string TwoContainerDeployment(string name) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: {{{name}}}}}
          template:
            metadata: {labels: {app: {{{name}}}}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - {name: main, image: {{{Manifests.Image}}}, imagePullPolicy: IfNotPresent, command: ["sh", "-c", "echo from main; exec sleep 3600"]}
              - {name: side, image: {{{Manifests.Image}}}, imagePullPolicy: IfNotPresent, command: ["sh", "-c", "echo from side; exec sleep 3600"]}
        """;
}
