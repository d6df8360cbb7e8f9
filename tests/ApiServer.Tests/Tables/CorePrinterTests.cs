namespace Orchestrator.ApiServer.Tests.Tables;

/// <summary>The smaller core/v1 kinds: namespaces, configmaps, secrets, serviceaccounts, endpoints, resourcequotas.</summary>
public sealed class CorePrinterTests
{
    public static TheoryData<string, string, string> Objects => new()
    {
        {
            "namespaces",
            """{"metadata":{"name":"default","creationTimestamp":"2025-05-01T12:00:00Z"},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}""",
            """["default","Active","31d"]"""
        },
        {
            "namespaces",
            """{"metadata":{"name":"old","creationTimestamp":"2025-06-01T11:00:00Z","deletionTimestamp":"2025-06-01T11:59:00Z"},"status":{"phase":"Terminating"}}""",
            """["old","Terminating","60m"]"""
        },
        {
            "configmaps",
            """{"metadata":{"name":"kube-root-ca.crt","creationTimestamp":"2025-06-01T11:59:00Z"},"data":{"ca.crt":"..."},"binaryData":{"logo.png":"iVBORw0KGgo="}}""",
            """["kube-root-ca.crt",2,"60s"]"""
        },
        {
            "configmaps",
            """{"metadata":{"name":"empty","creationTimestamp":"2025-06-01T11:59:00Z"}}""",
            """["empty",0,"60s"]"""
        },
        {
            "secrets",
            """{"metadata":{"name":"tls","creationTimestamp":"2025-06-01T11:00:00Z"},"type":"kubernetes.io/tls","data":{"tls.crt":"Y3J0","tls.key":"a2V5"}}""",
            """["tls","kubernetes.io/tls",2,"60m"]"""
        },
        {
            "secrets",
            """{"metadata":{"name":"plain","creationTimestamp":"2025-06-01T11:00:00Z"},"data":{"password":"cGFzcw=="}}""",
            """["plain","Opaque",1,"60m"]"""
        },
        {
            "serviceaccounts",
            """{"metadata":{"name":"default","creationTimestamp":"2025-06-01T11:00:00Z"}}""",
            """["default",0,"60m"]"""
        },
        {
            "serviceaccounts",
            """{"metadata":{"name":"builder","creationTimestamp":"2025-06-01T11:00:00Z"},"secrets":[{"name":"builder-token"}]}""",
            """["builder",1,"60m"]"""
        },
        {
            "endpoints",
            """
            {"metadata":{"name":"web","creationTimestamp":"2025-06-01T11:00:00Z"},
             "subsets":[{"addresses":[{"ip":"10.244.0.5"},{"ip":"10.244.1.7"}],"notReadyAddresses":[{"ip":"10.244.2.2"}],"ports":[{"name":"http","port":8080,"protocol":"TCP"}]}]}
            """,
            """["web","10.244.0.5:8080,10.244.1.7:8080","60m"]"""
        },
        {
            "endpoints",
            """
            {"metadata":{"name":"many","creationTimestamp":"2025-06-01T11:00:00Z"},
             "subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"fd00::2"}],"ports":[{"port":80},{"port":443}]},{"addresses":[{"ip":"10.0.0.3"}]}]}
            """,
            """["many","10.0.0.1:80,[fd00::2]:80,10.0.0.1:443 + 2 more...","60m"]"""
        },
        {
            "endpoints",
            """{"metadata":{"name":"none","creationTimestamp":"2025-06-01T11:00:00Z"}}""",
            """["none","<none>","60m"]"""
        },
        {
            "endpoints",
            """{"metadata":{"name":"not-ready","creationTimestamp":"2025-06-01T11:00:00Z"},"subsets":[{"notReadyAddresses":[{"ip":"10.0.0.9"}],"ports":[{"port":80}]}]}""",
            """["not-ready","","60m"]"""
        },
        {
            "resourcequotas",
            """
            {"metadata":{"name":"compute","creationTimestamp":"2025-06-01T11:00:00Z"},
             "spec":{"hard":{"pods":"10","requests.cpu":"4","limits.memory":"8Gi","limits.cpu":"8"}},
             "status":{"hard":{"pods":"10","requests.cpu":"4","limits.memory":"8Gi","limits.cpu":"8"},
                       "used":{"pods":"3","requests.cpu":"1500m","limits.memory":"2Gi"}}}
            """,
            """["compute","pods: 3/10, requests.cpu: 1500m/4","limits.cpu: 0/8, limits.memory: 2Gi/8Gi","60m"]"""
        },
        {
            "resourcequotas",
            """{"metadata":{"name":"unobserved","creationTimestamp":"2025-06-01T11:00:00Z"},"spec":{"hard":{"pods":"10"}}}""",
            """["unobserved","","","60m"]"""
        },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Core_cells_match_upstream(string plural, string obj, string cells) =>
        Assert.Equal(cells, Printed.Cells("", plural, obj));

    [Theory]
    [InlineData("namespaces", "Name,Status,Age")]
    [InlineData("configmaps", "Name,Data,Age")]
    [InlineData("secrets", "Name,Type,Data,Age")]
    [InlineData("serviceaccounts", "Name,Secrets,Age")]
    [InlineData("endpoints", "Name,Endpoints,Age")]
    [InlineData("resourcequotas", "Name,Request,Limit,Age")]
    [InlineData("limitranges", "Name,Created At")]
    public void Core_columns_are_upstreams(string plural, string columns) =>
        Assert.Equal(columns, Printed.Columns("", plural));
}
