namespace Orchestrator.Bench;

/// <summary>The pod every create benchmark posts: labels, one container with a port and resource requests.</summary>
internal static class BenchPod
{
    public static string Json(string name) => $$$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{{name}}}}","labels":{"app":"bench","tier":"web"}},
         "spec":{"containers":[{"name":"app","image":"registry.local/app:1.0","ports":[{"containerPort":8080}],
           "resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}],"restartPolicy":"Always"}}
        """;
}
