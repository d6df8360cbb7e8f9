using Microsoft.Extensions.Logging;

namespace Orchestrator.Scheduler.Service;

internal sealed partial class SchedulerService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler {SchedulerName} started with {Nodes} nodes")]
    private partial void LogStarted(string schedulerName, int nodes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bound {Pod} to {Node} after {Attempts} attempt(s)")]
    private partial void LogBound(string pod, string node, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unable to schedule {Pod}: {Message}")]
    private partial void LogUnschedulable(string pod, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binding {Pod} to {Node} failed")]
    private partial void LogBindFailed(Exception e, string pod, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating the PodScheduled condition of {Pod} failed")]
    private partial void LogConditionFailed(Exception e, string pod);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduling cycle for {Pod} failed")]
    private partial void LogCycleFailed(Exception e, string pod);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assumed pod {Pod} expired before the informer confirmed its binding")]
    private partial void LogAssumedExpired(string pod);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PreBind of {Pod} on {Node} failed: {Message}")]
    private partial void LogPreBindFailed(string pod, string node, string message);
}
