using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Job;
using static Orchestrator.ControllerManager.Tests.Controllers.Job.JobFixtures;

namespace Orchestrator.ControllerManager.Tests.Controllers.Job;

public sealed class TtlAfterFinishedTests
{
    public static TheoryData<string, int?, string?, int, double?> Cases() => new()
    {
        // name, ttl, finished condition, seconds since finish, expected remaining seconds
        { "no ttl", null, "Complete", 10, null },
        { "not finished", 30, null, 10, null },
        { "complete, time left", 30, "Complete", 10, 20 },
        { "failed, expired", 30, "Failed", 45, -15 },
        { "ttl zero deletes at once", 0, "Complete", 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Remaining(string name, int? ttl, string? condition, int since, double? expected)
    {
        var job = NewJob();
        job.Spec.TtlSecondsAfterFinished = ttl;
        if (condition is not null)
        {
            job.Status.Conditions = [JobConditions.New(condition, "", "", Now.AddSeconds(-since))];
        }

        Assert.True(expected == TtlAfterFinished.Remaining(job, Now)?.TotalSeconds, name);
    }
}
