using System.Diagnostics;
using System.Globalization;
using Orchestrator.ApiServer.Authorization;
using Orchestrator.ApiServer.Authorization.Rbac;
using Orchestrator.Bench.Rbac;

// RBAC decision cost (issue 13): the RBAC authorizer on 1,000 roles and 1,000 bindings vs the empty
// policy, the same 2,000 requests (half allowed, half denied), single thread, after a warm-up.
// Also the cost of rebuilding the policy from the 2,000 objects (what a change to any RBAC object costs once).
// Usage: bench/rbac.sh [--quick]
var quick = args.Contains("--quick");
var rounds = quick ? 200 : 2_000;
var (roles, clusterRoles, bindings, clusterBindings) = PolicyFixture.Objects();
var requests = PolicyFixture.Requests();

var build = Stopwatch.StartNew();
var policy = RbacPolicyBuilder.Build(roles, clusterRoles, bindings, clusterBindings);
build.Stop();
var rebuilds = new List<double>();
for (var i = 0; i < 5; i++)
{
    var again = Stopwatch.StartNew();
    _ = RbacPolicyBuilder.Build(roles, clusterRoles, bindings, clusterBindings);
    rebuilds.Add(again.Elapsed.TotalMilliseconds);
}

var full = new RbacAuthorizer(() => policy);
var empty = new RbacAuthorizer(() => RbacPolicy.Empty);
var allowed = requests.Count(r => full.Authorize(r).Decision == AuthorizationDecision.Allow);

// Alternate the subjects over several runs and keep each one's best: the machine is shared and noisy.
var emptyNs = double.MaxValue;
var fullNs = double.MaxValue;
for (var run = 0; run < 5; run++)
{
    emptyNs = Math.Min(emptyNs, NanosecondsPerDecision(empty, requests, rounds));
    fullNs = Math.Min(fullNs, NanosecondsPerDecision(full, requests, rounds));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests: {requests.Length} ({allowed} allowed), rounds: {rounds}, .NET {Environment.Version}, {Environment.ProcessorCount} cores"));
Console.WriteLine("| policy | ns per decision | allocated bytes per decision |");
Console.WriteLine("|---|---:|---:|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| empty | {emptyNs:F0} | {AllocatedPerDecision(empty, requests):F0} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 1,000 roles + 1,000 bindings | {fullNs:F0} | {AllocatedPerDecision(full, requests):F0} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"policy build from 2,000 objects: first {build.Elapsed.TotalMilliseconds:F1} ms, then median {rebuilds.Order().ElementAt(2):F1} ms"));
return 0;

static double NanosecondsPerDecision(IAuthorizer authorizer, AuthorizationAttributes[] requests, int rounds)
{
    var clock = Stopwatch.StartNew();
    var sink = 0;
    for (var round = 0; round < rounds; round++)
    {
        foreach (var request in requests)
        {
            sink += (int)authorizer.Authorize(request).Decision;
        }
    }

    clock.Stop();
    GC.KeepAlive(sink);
    return clock.Elapsed.TotalNanoseconds / ((double)rounds * requests.Length);
}

static double AllocatedPerDecision(IAuthorizer authorizer, AuthorizationAttributes[] requests)
{
    var before = GC.GetAllocatedBytesForCurrentThread();
    foreach (var request in requests)
    {
        authorizer.Authorize(request);
    }

    return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)requests.Length;
}
