using Orchestrator.Store.Etcd;

namespace Orchestrator.Store.Tests.Etcd;

public sealed class EtcdWatchProgressTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Settle = EtcdWatchProgress.Settle;

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Progress_is_requested_once_per_idle_interval()
    {
        var progress = new EtcdWatchProgress(_time, Interval);

        Assert.False(progress.TakeRequestDue());
        Assert.Equal(Interval, progress.UntilDue());
        _time.Advance(Interval);
        Assert.True(progress.TakeRequestDue());
        Assert.False(progress.TakeRequestDue());
    }

    [Fact]
    public void Events_postpone_the_next_request()
    {
        var progress = new EtcdWatchProgress(_time, Interval);
        _time.Advance(Interval / 2);
        progress.OnEvents(5);
        _time.Advance(Interval / 2);

        Assert.False(progress.TakeRequestDue());
        Assert.Equal(Interval / 2, progress.UntilDue());
    }

    [Fact]
    public void A_report_is_passed_on_after_it_settled()
    {
        var progress = new EtcdWatchProgress(_time, Interval);
        progress.OnProgress(revision: 7, delivered: 5);

        Assert.Null(progress.TakeSettled());
        Assert.Equal(Settle, progress.UntilDue());
        _time.Advance(Settle);
        Assert.Equal(7, progress.TakeSettled());
        Assert.Null(progress.TakeSettled());
    }

    [Fact]
    public void A_report_at_the_delivered_revision_is_a_heartbeat_and_one_behind_it_is_dropped()
    {
        var progress = new EtcdWatchProgress(_time, Interval);
        progress.OnProgress(revision: 4, delivered: 5);
        _time.Advance(Settle);
        Assert.Null(progress.TakeSettled());

        progress.OnProgress(revision: 5, delivered: 5);
        _time.Advance(Settle);
        Assert.Equal(5, progress.TakeSettled());
    }

    [Fact]
    public void Events_up_to_a_held_report_go_first_and_events_past_it_make_it_moot()
    {
        var progress = new EtcdWatchProgress(_time, Interval);
        progress.OnProgress(revision: 9, delivered: 5);
        progress.OnEvents(8);
        _time.Advance(Settle);
        Assert.Equal(9, progress.TakeSettled());

        progress.OnProgress(revision: 12, delivered: 9);
        progress.OnEvents(12);
        _time.Advance(Settle);
        Assert.Null(progress.TakeSettled());
    }

    [Fact]
    public void While_a_report_is_held_no_progress_is_requested_and_newer_reports_are_ignored()
    {
        var progress = new EtcdWatchProgress(_time, TimeSpan.FromMilliseconds(50));
        progress.OnProgress(revision: 3, delivered: 3);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        progress.OnProgress(revision: 4, delivered: 3);

        Assert.False(progress.TakeRequestDue());
        Assert.Equal(Settle - TimeSpan.FromMilliseconds(100), progress.UntilDue());
        _time.Advance(Settle);
        Assert.Equal(3, progress.TakeSettled());
        Assert.Equal(TimeSpan.Zero, progress.UntilDue());
        Assert.True(progress.TakeRequestDue());
    }
}
