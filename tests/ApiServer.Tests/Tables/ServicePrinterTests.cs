namespace Orchestrator.ApiServer.Tests.Tables;

public sealed class ServicePrinterTests
{
    public static TheoryData<string, string> Services => new()
    {
        {
            """
            {"metadata":{"name":"web","creationTimestamp":"2025-06-01T11:55:00Z"},
             "spec":{"type":"ClusterIP","clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],"selector":{"tier":"front","app":"web"},
                     "ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":8080},{"name":"https","port":443,"protocol":"TCP"}]}}
            """,
            """["web","ClusterIP","10.96.0.10","<none>","80/TCP,443/TCP","5m","app=web,tier=front"]"""
        },
        {
            """
            {"metadata":{"name":"np","creationTimestamp":"2025-06-01T11:55:00Z"},
             "spec":{"type":"NodePort","clusterIPs":["10.96.0.11"],"selector":{"app":"np"},
                     "ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":443,"nodePort":30443,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]}}
            """,
            """["np","NodePort","10.96.0.11","<none>","80:30080/TCP,443:30443/TCP,53/UDP","5m","app=np"]"""
        },
        {
            """
            {"metadata":{"name":"ext-ips","creationTimestamp":"2025-06-01T11:55:00Z"},
             "spec":{"type":"ClusterIP","clusterIPs":["10.96.0.12"],"externalIPs":["203.0.113.5","203.0.113.6"],"ports":[{"port":8080,"protocol":"TCP"}]}}
            """,
            """["ext-ips","ClusterIP","10.96.0.12","203.0.113.5,203.0.113.6","8080/TCP","5m","<none>"]"""
        },
        {
            """
            {"metadata":{"name":"lb","creationTimestamp":"2025-06-01T11:55:00Z"},"spec":{"type":"LoadBalancer","clusterIPs":["10.96.0.13"],"ports":[{"port":80,"nodePort":31000,"protocol":"TCP"}]}}
            """,
            """["lb","LoadBalancer","10.96.0.13","<pending>","80:31000/TCP","5m","<none>"]"""
        },
        {
            """
            {"metadata":{"name":"lb-up","creationTimestamp":"2025-06-01T11:55:00Z"},"spec":{"type":"LoadBalancer","clusterIPs":["10.96.0.14"],"externalIPs":["198.51.100.1"],"ports":[{"port":80,"protocol":"TCP"}]},
             "status":{"loadBalancer":{"ingress":[{"ip":"192.0.2.20"},{"hostname":"lb.example.com"},{"ip":"192.0.2.10"},{"ip":"192.0.2.10"}]}}}
            """,
            """["lb-up","LoadBalancer","10.96.0.14","192.0.2.10,192.0.2.20,lb.example.com,198.51.100.1","80/TCP","5m","<none>"]"""
        },
        {
            """{"metadata":{"name":"db","creationTimestamp":"2025-06-01T11:55:00Z"},"spec":{"type":"ExternalName","externalName":"db.example.com"}}""",
            """["db","ExternalName","<none>","db.example.com","<none>","5m","<none>"]"""
        },
        {
            """{"metadata":{"name":"headless","creationTimestamp":"2025-06-01T11:55:00Z"},"spec":{"clusterIP":"None","clusterIPs":["None"],"selector":{"app":"db"},"ports":[{"port":5432,"protocol":"TCP"}]}}""",
            """["headless","ClusterIP","None","<none>","5432/TCP","5m","app=db"]"""
        },
        {
            """{"metadata":{"name":"undefaulted","creationTimestamp":"2025-06-01T11:55:00Z"},"spec":{"clusterIP":"10.96.0.15","ports":[{"port":80}]}}""",
            """["undefaulted","ClusterIP","10.96.0.15","<none>","80/TCP","5m","<none>"]"""
        },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_cells_match_upstream(string service, string cells) =>
        Assert.Equal(cells, Printed.Cells("", "services", service));

    [Fact]
    public void Service_columns_are_upstreams() =>
        Assert.Equal("Name,Type,Cluster-IP,External-IP,Port(s),Age,Selector*", Printed.Columns("", "services"));
}
