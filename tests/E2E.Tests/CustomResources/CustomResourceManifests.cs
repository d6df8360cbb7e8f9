namespace Orchestrator.E2E.Tests.CustomResources;

/// <summary>The CRD and custom resources the custom resource tests apply; one group per kubectl version so runs never share names.</summary>
internal static class CustomResourceManifests
{
    public static string Group(string suffix) => $"s{suffix}.example.com";

    public static string Crd(string suffix) => $$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: crontabs.{{Group(suffix)}}
        spec:
          group: {{Group(suffix)}}
          scope: Namespaced
          names:
            plural: crontabs
            singular: crontab
            kind: CronTab
            shortNames: [ct{{suffix}}]
            categories: [all]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
              scale:
                specReplicasPath: .spec.replicas
                statusReplicasPath: .status.replicas
                labelSelectorPath: .status.labelSelector
            additionalPrinterColumns:
            - {name: Spec, type: string, jsonPath: .spec.cronSpec}
            - {name: Replicas, type: integer, jsonPath: .spec.replicas}
            - {name: Image, type: string, jsonPath: .spec.image, priority: 1}
            - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    description: The desired state of the CronTab.
                    properties:
                      cronSpec:
                        type: string
                        description: The cron schedule the job runs on.
                      image:
                        type: string
                      replicas:
                        type: integer
                        minimum: 1
                        maximum: 10
                        default: 1
                  status:
                    type: object
                    properties:
                      replicas: {type: integer}
                      labelSelector: {type: string}
        """;

    public static string CronTab(string suffix, string name, string spec) => $"""
        apiVersion: {Group(suffix)}/v1
        kind: CronTab
        metadata:
          name: {name}
          namespace: default
        spec:
        {spec}
        """;
}
