namespace Orchestrator.ApiServer.Tests.Tables;

/// <summary>Pods in the states kubectl users see every day, with the cells upstream's printPod gives them.</summary>
public sealed class PodPrinterTests
{
    public static TheoryData<string, string, string> Pods => new()
    {
        {
            "running and ready",
            """
            {"metadata":{"name":"web","creationTimestamp":"2025-06-01T11:50:00Z"},
             "spec":{"nodeName":"node1","containers":[{"name":"nginx","image":"nginx"}]},
             "status":{"phase":"Running","podIP":"10.244.0.5","podIPs":[{"ip":"10.244.0.5"},{"ip":"fd00::5"}],
                       "conditions":[{"type":"Ready","status":"True"}],
                       "containerStatuses":[{"name":"nginx","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2025-06-01T11:50:05Z"}}}]}}
            """,
            """["web","1/1","Running","0","10m","10.244.0.5","node1","<none>","<none>"]"""
        },
        {
            "just created, not scheduled",
            """{"metadata":{"name":"new","creationTimestamp":"2025-06-01T11:59:58Z"},"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Pending"}}""",
            """["new","0/2","Pending","0","2s","<none>","<none>","<none>","<none>"]"""
        },
        {
            "pulling the image",
            """
            {"metadata":{"name":"pull","creationTimestamp":"2025-06-01T11:59:00Z"},"spec":{"nodeName":"node1","containers":[{"name":"app"}]},
             "status":{"phase":"Pending","containerStatuses":[{"name":"app","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]}}
            """,
            """["pull","0/1","ContainerCreating","0","60s","<none>","node1","<none>","<none>"]"""
        },
        {
            "completed",
            """
            {"metadata":{"name":"once","creationTimestamp":"2025-05-30T12:00:00Z"},"spec":{"nodeName":"node2","containers":[{"name":"job"}]},
             "status":{"phase":"Succeeded","podIPs":[{"ip":"10.244.1.9"}],
                       "containerStatuses":[{"name":"job","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed","finishedAt":"2025-05-30T12:01:00Z"}}}]}}
            """,
            """["once","0/1","Completed","0","2d","10.244.1.9","node2","<none>","<none>"]"""
        },
        {
            "failed with an error",
            """
            {"metadata":{"name":"bad","creationTimestamp":"2025-06-01T09:00:00Z"},"spec":{"containers":[{"name":"job"}]},
             "status":{"phase":"Failed","containerStatuses":[{"name":"job","restartCount":0,"state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}}
            """,
            """["bad","0/1","Error","0","3h","<none>","<none>","<none>","<none>"]"""
        },
        {
            "killed without a reason",
            """
            {"metadata":{"name":"oom","creationTimestamp":"2025-06-01T09:00:00Z"},"spec":{"containers":[{"name":"job"}]},
             "status":{"phase":"Failed","containerStatuses":[{"name":"job","restartCount":0,"state":{"terminated":{"exitCode":137}}}]}}
            """,
            """["oom","0/1","ExitCode:137","0","3h","<none>","<none>","<none>","<none>"]"""
        },
        {
            "crash looping with restarts",
            """
            {"metadata":{"name":"crash","creationTimestamp":"2025-06-01T11:00:00Z"},"spec":{"nodeName":"node1","containers":[{"name":"app"}]},
             "status":{"phase":"Running","podIPs":[{"ip":"10.244.0.7"}],
                       "containerStatuses":[{"name":"app","ready":false,"restartCount":3,
                         "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s restarting failed container"}},
                         "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2025-06-01T11:58:00Z"}}}]}}
            """,
            """["crash","0/1","CrashLoopBackOff","3 (2m ago)","60m","10.244.0.7","node1","<none>","<none>"]"""
        },
        {
            "restarts summed over containers, the latest restart shown",
            """
            {"metadata":{"name":"two","creationTimestamp":"2025-06-01T00:00:00Z"},"spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],
                       "containerStatuses":[
                         {"name":"a","ready":true,"restartCount":1,"state":{"running":{}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"2025-06-01T10:00:00Z"}}},
                         {"name":"b","ready":true,"restartCount":4,"state":{"running":{}},"lastState":{"terminated":{"exitCode":2,"finishedAt":"2025-06-01T11:55:00Z"}}}]}}
            """,
            """["two","2/2","Running","5 (5m ago)","12h","<none>","<none>","<none>","<none>"]"""
        },
        {
            "terminating",
            """
            {"metadata":{"name":"bye","creationTimestamp":"2025-06-01T11:00:00Z","deletionTimestamp":"2025-06-01T12:00:30Z"},
             "spec":{"nodeName":"node1","containers":[{"name":"app"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """,
            """["bye","1/1","Terminating","0","60m","<none>","node1","<none>","<none>"]"""
        },
        {
            "deleted after completing is not terminating",
            """
            {"metadata":{"name":"done","creationTimestamp":"2025-06-01T11:00:00Z","deletionTimestamp":"2025-06-01T12:00:30Z"},"spec":{"containers":[{"name":"app"}]},
             "status":{"phase":"Succeeded","containerStatuses":[{"name":"app","restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}
            """,
            """["done","0/1","Completed","0","60m","<none>","<none>","<none>","<none>"]"""
        },
        {
            "on a lost node while deleted",
            """
            {"metadata":{"name":"lost","creationTimestamp":"2025-06-01T11:00:00Z","deletionTimestamp":"2025-06-01T11:30:00Z"},"spec":{"containers":[{"name":"app"}]},
             "status":{"phase":"Running","reason":"NodeLost"}}
            """,
            """["lost","0/1","Unknown","0","60m","<none>","<none>","<none>","<none>"]"""
        },
        {
            "running the second of two init containers",
            """
            {"metadata":{"name":"init","creationTimestamp":"2025-06-01T11:59:30Z"},
             "spec":{"initContainers":[{"name":"migrate"},{"name":"seed"}],"containers":[{"name":"app"}]},
             "status":{"phase":"Pending","conditions":[{"type":"Initialized","status":"False"}],
                       "initContainerStatuses":[
                         {"name":"migrate","ready":true,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
                         {"name":"seed","ready":false,"restartCount":0,"state":{"running":{}}}],
                       "containerStatuses":[{"name":"app","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]}}
            """,
            """["init","0/1","Init:1/2","0","30s","<none>","<none>","<none>","<none>"]"""
        },
        {
            "waiting for the first init container",
            """
            {"metadata":{"name":"init0","creationTimestamp":"2025-06-01T11:59:30Z"},
             "spec":{"initContainers":[{"name":"migrate"}],"containers":[{"name":"app"}]},
             "status":{"phase":"Pending","initContainerStatuses":[{"name":"migrate","restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]}}
            """,
            """["init0","0/1","Init:0/1","0","30s","<none>","<none>","<none>","<none>"]"""
        },
        {
            "init container crash looping",
            """
            {"metadata":{"name":"initcrash","creationTimestamp":"2025-06-01T11:00:00Z"},
             "spec":{"initContainers":[{"name":"migrate"}],"containers":[{"name":"app"}]},
             "status":{"phase":"Pending","initContainerStatuses":[{"name":"migrate","restartCount":5,
                 "state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"2025-06-01T11:59:00Z"}}}]}}
            """,
            """["initcrash","0/1","Init:CrashLoopBackOff","5 (60s ago)","60m","<none>","<none>","<none>","<none>"]"""
        },
        {
            "init container failed",
            """
            {"metadata":{"name":"initfail","creationTimestamp":"2025-06-01T11:00:00Z"},
             "spec":{"initContainers":[{"name":"migrate"}],"containers":[{"name":"app"}]},
             "status":{"phase":"Failed","initContainerStatuses":[{"name":"migrate","restartCount":0,"state":{"terminated":{"exitCode":2}}}]}}
            """,
            """["initfail","0/1","Init:ExitCode:2","0","60m","<none>","<none>","<none>","<none>"]"""
        },
        {
            "a started sidecar counts as a container",
            """
            {"metadata":{"name":"side","creationTimestamp":"2025-06-01T11:00:00Z"},
             "spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"app"}]},
             "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
                       "initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":2,"state":{"running":{}},
                                                 "lastState":{"terminated":{"exitCode":1,"finishedAt":"2025-06-01T11:30:00Z"}}}],
                       "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """,
            """["side","2/2","Running","2 (30m ago)","60m","<none>","<none>","<none>","<none>"]"""
        },
        {
            "one container done while another runs, pod not ready",
            """
            {"metadata":{"name":"half","creationTimestamp":"2025-06-01T11:00:00Z"},"spec":{"containers":[{"name":"task"},{"name":"server"}]},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"False"}],
                       "containerStatuses":[
                         {"name":"task","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
                         {"name":"server","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """,
            """["half","1/2","NotReady","0","60m","<none>","<none>","<none>","<none>"]"""
        },
        {
            "scheduling gated",
            """
            {"metadata":{"name":"gated","creationTimestamp":"2025-06-01T11:00:00Z"},"spec":{"containers":[{"name":"app"}],"schedulingGates":[{"name":"example.com/wait"}]},
             "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}}
            """,
            """["gated","0/1","SchedulingGated","0","60m","<none>","<none>","<none>","<none>"]"""
        },
        {
            "nominated node and readiness gates",
            """
            {"metadata":{"name":"gates","creationTimestamp":"2025-06-01T11:00:00Z"},
             "spec":{"containers":[{"name":"app"}],"readinessGates":[{"conditionType":"example.com/lb"},{"conditionType":"example.com/dns"}]},
             "status":{"phase":"Pending","nominatedNodeName":"node3","conditions":[{"type":"example.com/lb","status":"True"},{"type":"example.com/dns","status":"False"}]}}
            """,
            """["gates","0/1","Pending","0","60m","<none>","<none>","node3","1/2"]"""
        },
        {
            "evicted",
            """
            {"metadata":{"name":"evicted","creationTimestamp":"2025-05-01T12:00:00Z"},"spec":{"containers":[{"name":"app"}]},
             "status":{"phase":"Failed","reason":"Evicted","message":"The node was low on resource: memory."}}
            """,
            """["evicted","0/1","Evicted","0","31d","<none>","<none>","<none>","<none>"]"""
        },
        {
            "no creation timestamp",
            """{"metadata":{"name":"bare"}}""",
            """["bare","0/0","","0","<unknown>","<none>","<none>","<none>","<none>"]"""
        },
    };

    [Theory]
    [MemberData(nameof(Pods))]
    public void Pod_cells_match_upstream(string state, string pod, string cells) =>
        Assert.True(cells == Printed.Cells("", "pods", pod), $"{state}: {Printed.Cells("", "pods", pod)}");

    [Fact]
    public void Pod_columns_are_upstreams() =>
        Assert.Equal("Name,Ready,Status,Restarts,Age,IP*,Node*,Nominated Node*,Readiness Gates*", Printed.Columns("", "pods"));
}
