namespace Orchestrator.ApiServer.Tests.Tables;

/// <summary>apps/v1: deployments, replicasets, statefulsets, daemonsets, controllerrevisions.</summary>
public sealed class AppsPrinterTests
{
    public static TheoryData<string, string, string> Workloads => new()
    {
        {
            "deployments",
            """
            {"metadata":{"name":"web","creationTimestamp":"2025-05-31T12:00:00Z"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"},{"name":"log","image":"busybox"}]}}},
             "status":{"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2}}
            """,
            """["web","2/3",3,2,"24h","nginx,log","nginx:1.27,busybox","app=web"]"""
        },
        {
            "deployments",
            """{"metadata":{"name":"new","creationTimestamp":"2025-06-01T11:59:59Z"},"spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"c","image":"i"}]}}}}""",
            """["new","0/5",0,0,"1s","c","i",""]"""
        },
        {
            "deployments",
            """{"metadata":{"name":"scaled-to-zero"},"spec":{"replicas":0,"selector":{"matchLabels":{"app":"x"},"matchExpressions":[{"key":"tier","operator":"In","values":["b","a"]}]}},"status":{}}""",
            """["scaled-to-zero","0/0",0,0,"<unknown>","","","app=x,tier in (a,b)"]"""
        },
        {
            "deployments",
            """{"metadata":{"name":"default-replicas"},"spec":{},"status":{"readyReplicas":1,"updatedReplicas":1,"availableReplicas":1}}""",
            """["default-replicas","1/1",1,1,"<unknown>","","",""]"""
        },
        {
            "replicasets",
            """
            {"metadata":{"name":"web-5d4f8c7b9","creationTimestamp":"2025-06-01T10:00:00Z"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","pod-template-hash":"5d4f8c7b9"}},"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}},
             "status":{"replicas":3,"readyReplicas":1}}
            """,
            """["web-5d4f8c7b9",3,3,1,"120m","nginx","nginx:1.27","app=web,pod-template-hash=5d4f8c7b9"]"""
        },
        {
            "replicasets",
            """{"metadata":{"name":"bare"},"spec":{}}""",
            """["bare",1,0,0,"<unknown>","","","<none>"]"""
        },
        {
            "statefulsets",
            """
            {"metadata":{"name":"db","creationTimestamp":"2025-05-25T12:00:00Z"},
             "spec":{"replicas":3,"serviceName":"db","template":{"spec":{"containers":[{"name":"pg","image":"postgres:17"}]}}},
             "status":{"replicas":3,"readyReplicas":3}}
            """,
            """["db","3/3","7d","pg","postgres:17"]"""
        },
        {
            "daemonsets",
            """
            {"metadata":{"name":"kube-proxy","creationTimestamp":"2024-04-01T12:00:00Z"},
             "spec":{"selector":{"matchLabels":{"k8s-app":"kube-proxy"}},
                     "template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux"},"containers":[{"name":"kube-proxy","image":"registry.k8s.io/kube-proxy:v1.33.1"}]}}},
             "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":3,"numberAvailable":2}}
            """,
            """["kube-proxy",3,3,2,3,2,"kubernetes.io/os=linux","426d","kube-proxy","registry.k8s.io/kube-proxy:v1.33.1","k8s-app=kube-proxy"]"""
        },
        {
            "daemonsets",
            """{"metadata":{"name":"agent","creationTimestamp":"2023-05-01T12:00:00Z"},"spec":{"template":{"spec":{}}}}""",
            """["agent",0,0,0,0,0,"<none>","2y32d","","","<none>"]"""
        },
        {
            "controllerrevisions",
            """
            {"metadata":{"name":"kube-proxy-7b9c5d6f8","creationTimestamp":"2025-06-01T11:00:00Z",
                         "ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"kube-proxy","uid":"u","controller":true}]},
             "revision":2,"data":{}}
            """,
            """["kube-proxy-7b9c5d6f8","daemonset.apps/kube-proxy",2,"60m"]"""
        },
        {
            "controllerrevisions",
            """
            {"metadata":{"name":"orphan","creationTimestamp":"2025-06-01T11:00:00Z",
                         "ownerReferences":[{"apiVersion":"v1","kind":"Pod","name":"p","uid":"u"}]},"revision":1}
            """,
            """["orphan","<none>",1,"60m"]"""
        },
        {
            "controllerrevisions",
            """{"metadata":{"name":"core-owned","ownerReferences":[{"apiVersion":"v1","kind":"Pod","name":"p","uid":"u","controller":true}]},"revision":4}""",
            """["core-owned","pod/p",4,"<unknown>"]"""
        },
    };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Workload_cells_match_upstream(string plural, string obj, string cells) =>
        Assert.Equal(cells, Printed.Cells("apps", plural, obj));

    [Theory]
    [InlineData("deployments", "Name,Ready,Up-to-date,Available,Age,Containers*,Images*,Selector*")]
    [InlineData("replicasets", "Name,Desired,Current,Ready,Age,Containers*,Images*,Selector*")]
    [InlineData("statefulsets", "Name,Ready,Age,Containers*,Images*")]
    [InlineData("daemonsets", "Name,Desired,Current,Ready,Up-to-date,Available,Node Selector,Age,Containers*,Images*,Selector*")]
    [InlineData("controllerrevisions", "Name,Controller,Revision,Age")]
    public void Apps_columns_are_upstreams(string plural, string columns) =>
        Assert.Equal(columns, Printed.Columns("apps", plural));
}
