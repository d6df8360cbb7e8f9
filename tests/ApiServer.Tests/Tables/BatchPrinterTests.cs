namespace Orchestrator.ApiServer.Tests.Tables;

/// <summary>batch/v1: jobs and cronjobs.</summary>
public sealed class BatchPrinterTests
{
    public static TheoryData<string, string, string> Objects => new()
    {
        {
            "jobs",
            """
            {"metadata":{"name":"pi","creationTimestamp":"2025-06-01T11:00:00Z"},
             "spec":{"completions":1,"parallelism":1,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"abc"}},
                     "template":{"spec":{"containers":[{"name":"pi","image":"perl:5.34"}]}}},
             "status":{"startTime":"2025-06-01T11:00:02Z","completionTime":"2025-06-01T11:00:40Z","succeeded":1,
                       "conditions":[{"type":"SuccessCriteriaMet","status":"True"},{"type":"Complete","status":"True"}]}}
            """,
            """["pi","Complete","1/1","38s","60m","pi","perl:5.34","batch.kubernetes.io/controller-uid=abc"]"""
        },
        {
            "jobs",
            """
            {"metadata":{"name":"work","creationTimestamp":"2025-06-01T11:00:00Z"},"spec":{"completions":5,"parallelism":2,"template":{"spec":{}}},
             "status":{"startTime":"2025-06-01T11:00:00Z","succeeded":2,"active":2}}
            """,
            """["work","Running","2/5","60m","60m","","","<none>"]"""
        },
        {
            "jobs",
            """{"metadata":{"name":"queue"},"spec":{"parallelism":3},"status":{"succeeded":1}}""",
            """["queue","Running","1/1 of 3","","<unknown>","","","<none>"]"""
        },
        {
            "jobs",
            """{"metadata":{"name":"defaults"},"spec":{}}""",
            """["defaults","Running","0/1","","<unknown>","","","<none>"]"""
        },
        {
            "jobs",
            """{"metadata":{"name":"one-worker"},"spec":{"parallelism":1}}""",
            """["one-worker","Running","0/1","","<unknown>","","","<none>"]"""
        },
        {
            "jobs",
            """
            {"metadata":{"name":"boom"},"spec":{"completions":1},
             "status":{"startTime":"2025-06-01T10:00:00Z","failed":7,"conditions":[{"type":"FailureTarget","status":"True"},{"type":"Failed","status":"True","reason":"BackoffLimitExceeded"}]}}
            """,
            """["boom","Failed","0/1","120m","<unknown>","","","<none>"]"""
        },
        {
            "jobs",
            """{"metadata":{"name":"failing"},"spec":{"completions":1},"status":{"conditions":[{"type":"FailureTarget","status":"True"}]}}""",
            """["failing","FailureTarget","0/1","","<unknown>","","","<none>"]"""
        },
        {
            "jobs",
            """{"metadata":{"name":"paused"},"spec":{"completions":1,"suspend":true},"status":{"conditions":[{"type":"Suspended","status":"True"}]}}""",
            """["paused","Suspended","0/1","","<unknown>","","","<none>"]"""
        },
        {
            "jobs",
            """{"metadata":{"name":"going","deletionTimestamp":"2025-06-01T12:00:00Z"},"spec":{"completions":1},"status":{"conditions":[{"type":"Suspended","status":"True"}]}}""",
            """["going","Terminating","0/1","","<unknown>","","","<none>"]"""
        },
        {
            "cronjobs",
            """
            {"metadata":{"name":"backup","creationTimestamp":"2025-05-01T12:00:00Z"},
             "spec":{"schedule":"0 3 * * *","timeZone":"Europe/Berlin","suspend":false,
                     "jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"backup","image":"restic:0.17"}]}}}}},
             "status":{"active":[{"kind":"Job","name":"backup-29143980"}],"lastScheduleTime":"2025-06-01T01:00:00Z"}}
            """,
            """["backup","0 3 * * *","Europe/Berlin","False",1,"11h","31d","backup","restic:0.17","<none>"]"""
        },
        {
            "cronjobs",
            """{"metadata":{"name":"never","creationTimestamp":"2025-06-01T11:58:00Z"},"spec":{"schedule":"*/5 * * * *","suspend":true,"jobTemplate":{"spec":{"template":{"spec":{}}}}}}""",
            """["never","*/5 * * * *","<none>","True",0,"<none>","2m","","","<none>"]"""
        },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Batch_cells_match_upstream(string plural, string obj, string cells) =>
        Assert.Equal(cells, Printed.Cells("batch", plural, obj));

    [Theory]
    [InlineData("jobs", "Name,Status,Completions,Duration,Age,Containers*,Images*,Selector*")]
    [InlineData("cronjobs", "Name,Schedule,Timezone,Suspend,Active,Last Schedule,Age,Containers*,Images*,Selector*")]
    public void Batch_columns_are_upstreams(string plural, string columns) =>
        Assert.Equal(columns, Printed.Columns("batch", plural));
}
