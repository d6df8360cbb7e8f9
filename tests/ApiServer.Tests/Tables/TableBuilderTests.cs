using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Tests.Tables;

public sealed class TableBuilderTests
{
    private const string Pod = """
        {"metadata":{"name":"nginx","namespace":"default","uid":"u-1","resourceVersion":"1012",
                     "creationTimestamp":"2025-06-01T11:50:00Z","labels":{"app":"nginx"}},
         "spec":{"nodeName":"node1","containers":[{"name":"nginx","image":"nginx:1.27"}]},
         "status":{"phase":"Running","podIPs":[{"ip":"10.244.0.134"}],
                   "containerStatuses":[{"name":"nginx","ready":true,"restartCount":0,"state":{"running":{}}}]}}
        """;

    private static readonly TableOptions Options = new() { Now = Printed.Now, ResourceVersion = "1028" };

    [Fact]
    public void A_pod_list_becomes_the_table_kubectl_reads()
    {
        var table = Build("", "pods", Options, Pod);

        var expected = """
            {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"1028"},
             "columnDefinitions":[
               {"name":"Name","type":"string","format":"name","description":"Name must be unique within a namespace. It is the object's identifier in URLs and cannot be changed.","priority":0},
               {"name":"Ready","type":"string","format":"","description":"The aggregate readiness state of this pod for accepting traffic.","priority":0},
               {"name":"Status","type":"string","format":"","description":"The aggregate status of the containers in this pod.","priority":0},
               {"name":"Restarts","type":"string","format":"","description":"The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.","priority":0},
               {"name":"Age","type":"string","format":"","description":"Time since the object was created (metadata.creationTimestamp), set by the server.","priority":0},
               {"name":"IP","type":"string","format":"","description":"The IP address allocated to the pod (the first of status.podIPs).","priority":1},
               {"name":"Node","type":"string","format":"","description":"The node the pod is scheduled onto (spec.nodeName).","priority":1},
               {"name":"Nominated Node","type":"string","format":"","description":"The node on which the pod is expected to run after a preemption (status.nominatedNodeName).","priority":1},
               {"name":"Readiness Gates","type":"string","format":"","description":"How many of the pod's readiness gates have their condition true.","priority":1}],
             "rows":[{"cells":["nginx","1/1","Running","0","10m","10.244.0.134","node1","<none>","<none>"],
                      "object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
                                "metadata":{"name":"nginx","namespace":"default","uid":"u-1","resourceVersion":"1012",
                                            "creationTimestamp":"2025-06-01T11:50:00Z","labels":{"app":"nginx"}}}}]}
            """;
        Assert.Equal(Compact(expected), table.Json());
    }

    [Fact]
    public void IncludeObject_Object_puts_the_full_object_with_kind_and_apiVersion_first()
    {
        var table = Build("apps", "deployments", Options with { IncludeObject = IncludeObject.Object },
            """{"metadata":{"name":"web"},"spec":{"replicas":2}}""");

        Assert.Equal(
            """{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web"},"spec":{"replicas":2}}""",
            table["rows"]![0]!["object"]!.Json());
    }

    [Fact]
    public void IncludeObject_None_leaves_a_null_object()
    {
        var row = Build("", "pods", Options with { IncludeObject = IncludeObject.None }, Pod)["rows"]![0]!.AsObject();

        Assert.True(row.ContainsKey("object"));
        Assert.Null(row["object"]);
    }

    [Fact]
    public void Later_watch_events_carry_null_column_definitions()
    {
        var table = Build("", "pods", Options with { IncludeColumnDefinitions = false }, Pod);

        Assert.True(table.ContainsKey("columnDefinitions"));
        Assert.Null(table["columnDefinitions"]);
        Assert.Single(table["rows"]!.AsArray());
    }

    [Fact]
    public void The_partial_object_speaks_the_tables_version_and_list_metadata_carries_continue()
    {
        var options = Options with { ApiVersion = TableNegotiation.V1Beta1, Continue = "abc", RemainingItemCount = 7 };

        var table = Build("", "configmaps", options, """{"metadata":{"name":"a"}}""");

        Assert.Equal("meta.k8s.io/v1beta1", table["apiVersion"]!.GetValue<string>());
        Assert.Equal("""{"resourceVersion":"1028","continue":"abc","remainingItemCount":7}""", table["metadata"]!.Json());
        Assert.Equal("meta.k8s.io/v1beta1", table["rows"]![0]!["object"]!["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public void An_empty_list_has_columns_and_no_rows_and_no_resource_version_when_unset()
    {
        var table = Build("", "pods", new TableOptions { Now = Printed.Now });

        Assert.Equal("{}", table["metadata"]!.Json());
        Assert.Equal(9, table["columnDefinitions"]!.AsArray().Count);
        Assert.Empty(table["rows"]!.AsArray());
    }

    [Theory]
    [InlineData("Succeeded", """[{"type":"Completed","status":"True","reason":"Succeeded","message":"The pod has completed successfully."}]""")]
    [InlineData("Failed", """[{"type":"Completed","status":"True","reason":"Failed","message":"The pod failed."}]""")]
    [InlineData("Running", null)]
    public void Finished_pods_carry_a_Completed_row_condition(string phase, string? conditions)
    {
        var row = Build("", "pods", Options, $$$"""{"metadata":{"name":"p"},"status":{"phase":"{{{phase}}}"}}""")["rows"]![0]!;

        Assert.Equal(conditions, row["conditions"]?.Json());
    }

    [Fact]
    public void The_objects_given_are_left_untouched()
    {
        var pod = Printed.Parse(Pod);
        var before = pod.Json();

        var table = TableBuilder.Build(Printed.Resource("", "pods"), [pod], Options with { IncludeObject = IncludeObject.Object });
        table["rows"]![0]!["object"]!["metadata"]!["name"] = "changed";

        Assert.Equal(before, pod.Json());
    }

    [Fact]
    public void Kinds_without_a_printer_get_name_and_created_at()
    {
        var table = Build("", "limitranges", Options, """{"metadata":{"name":"limits","creationTimestamp":"2025-05-30T08:15:00Z"}}""", """{"metadata":{"name":"bare"}}""");

        Assert.Equal(
            """[{"name":"Name","type":"string","format":"name","description":"Name must be unique within a namespace. It is the object's identifier in URLs and cannot be changed.","priority":0},{"name":"Created At","type":"date","format":"","description":"The time the object was created (metadata.creationTimestamp), set by the server.","priority":0}]""",
            table["columnDefinitions"]!.Json());
        Assert.Equal("""["limits","2025-05-30T08:15:00Z"]""", table["rows"]![0]!["cells"]!.Json());
        Assert.Equal("""["bare","0001-01-01T00:00:00Z"]""", table["rows"]![1]!["cells"]!.Json());
    }

    private static JsonObject Build(string group, string plural, TableOptions options, params string[] objects) =>
        TableBuilder.Build(Printed.Resource(group, plural), objects.Select(Printed.Parse).ToList(), options);

    private static string Compact(string json) => JsonNode.Parse(json).Json();
}
