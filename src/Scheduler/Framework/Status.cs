namespace Orchestrator.Scheduler.Framework;

/// <summary>Result of a plugin call: a code, the upstream reason strings and the plugin that failed.</summary>
public sealed class Status
{
    private static readonly Status SuccessInstance = new(StatusCode.Success, [], string.Empty);

    private Status(StatusCode code, IReadOnlyList<string> reasons, string plugin)
    {
        Code = code;
        Reasons = reasons;
        Plugin = plugin;
    }

    /// <summary>The shared success status (no allocation on the hot path).</summary>
    public static Status Success => SuccessInstance;

    public StatusCode Code { get; }

    /// <summary>Reasons exactly as upstream words them; each is counted separately in FailedScheduling messages.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>Name of the plugin that produced the status (set by the framework).</summary>
    public string Plugin { get; }

    public bool IsSuccess => Code == StatusCode.Success;

    public string Message => string.Join(", ", Reasons);

    public static Status Unschedulable(params string[] reasons) => new(StatusCode.Unschedulable, reasons, string.Empty);

    public static Status Unresolvable(params string[] reasons) => new(StatusCode.UnschedulableAndUnresolvable, reasons, string.Empty);

    public static Status Pending(string reason) => new(StatusCode.Pending, [reason], string.Empty);

    public static Status Error(string reason) => new(StatusCode.Error, [reason], string.Empty);

    /// <summary>A copy of this status attributed to <paramref name="plugin"/>.</summary>
    public Status WithPlugin(string plugin) =>
        IsSuccess || Plugin == plugin ? this : new Status(Code, Reasons, plugin);

    public override string ToString() => IsSuccess ? "Success" : $"{Code}: {Message}";
}
