namespace Orchestrator.ApiServer.Tests.Tables;

/// <summary>Events print the same from core/v1 and from events.k8s.io/v1, whose fields have other names.</summary>
public sealed class EventPrinterTests
{
    private const string Columns = "Last Seen,Type,Reason,Object,Subobject*,Source*,Message,First Seen*,Count*,Name*";

    public static TheoryData<string, string, string> Events => new()
    {
        {
            "",
            """
            {"metadata":{"name":"web.17f3a","namespace":"default"},
             "involvedObject":{"kind":"Pod","name":"web","namespace":"default","fieldPath":"spec.containers{nginx}"},
             "reason":"Pulled","message":"Successfully pulled image \"nginx\" in 1.2s\n","type":"Normal",
             "source":{"component":"kubelet","host":"node1"},
             "firstTimestamp":"2025-06-01T11:00:00Z","lastTimestamp":"2025-06-01T11:58:00Z","count":4}
            """,
            """["2m","Normal","Pulled","pod/web","spec.containers{nginx}","kubelet, node1","Successfully pulled image \"nginx\" in 1.2s","60m",4,"web.17f3a"]"""
        },
        {
            "",
            """
            {"metadata":{"name":"web.17f3b"},"involvedObject":{"kind":"Pod","name":"web"},"reason":"Scheduled","message":"Successfully assigned default/web to node1",
             "type":"Normal","eventTime":"2025-06-01T11:59:30.123456Z","reportingComponent":"default-scheduler","reportingInstance":"default-scheduler-cp1"}
            """,
            """["29s","Normal","Scheduled","pod/web","","default-scheduler, default-scheduler-cp1","Successfully assigned default/web to node1","29s",1,"web.17f3b"]"""
        },
        {
            "",
            """
            {"metadata":{"name":"node1.1"},"involvedObject":{"kind":"Node","name":"node1"},"reason":"Rebooted","type":"Warning",
             "source":{"component":"kubelet"},"eventTime":"2025-06-01T10:00:00.000000Z",
             "series":{"count":12,"lastObservedTime":"2025-06-01T11:59:00.000000Z"}}
            """,
            """["60s","Warning","Rebooted","node/node1","","kubelet","","120m",12,"node1.1"]"""
        },
        {
            "",
            """{"metadata":{"name":"cluster.1"},"involvedObject":{"kind":"Cluster"},"reason":"Hello","type":"Normal"}""",
            """["<unknown>","Normal","Hello","cluster","","","","<unknown>",1,"cluster.1"]"""
        },
        {
            "events.k8s.io",
            """
            {"metadata":{"name":"web.17f3a","namespace":"default"},
             "regarding":{"kind":"Pod","name":"web","namespace":"default","fieldPath":"spec.containers{nginx}"},
             "reason":"Pulled","note":"Successfully pulled image \"nginx\" in 1.2s","type":"Normal",
             "reportingController":"kubelet","reportingInstance":"node1","eventTime":null,
             "deprecatedSource":{"component":"kubelet","host":"node1"},
             "deprecatedFirstTimestamp":"2025-06-01T11:00:00Z","deprecatedLastTimestamp":"2025-06-01T11:58:00Z","deprecatedCount":4}
            """,
            """["2m","Normal","Pulled","pod/web","spec.containers{nginx}","kubelet, node1","Successfully pulled image \"nginx\" in 1.2s","60m",4,"web.17f3a"]"""
        },
        {
            "events.k8s.io",
            """
            {"metadata":{"name":"web.17f3b"},"regarding":{"kind":"Pod","name":"web"},"reason":"Scheduled","note":"Successfully assigned default/web to node1",
             "type":"Normal","action":"Binding","eventTime":"2025-06-01T11:59:30.123456Z","reportingController":"default-scheduler","reportingInstance":"default-scheduler-cp1"}
            """,
            """["29s","Normal","Scheduled","pod/web","","default-scheduler, default-scheduler-cp1","Successfully assigned default/web to node1","29s",1,"web.17f3b"]"""
        },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Event_cells_match_upstream(string group, string obj, string cells) =>
        Assert.Equal(cells, Printed.Cells(group, "events", obj));

    [Theory]
    [InlineData("")]
    [InlineData("events.k8s.io")]
    public void Event_columns_are_upstreams_with_the_name_last_and_wide(string group) =>
        Assert.Equal(Columns, Printed.Columns(group, "events"));
}
