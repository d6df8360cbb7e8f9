namespace Orchestrator.ApiServer.Caching;

/// <summary>
/// The window of recent events a cache can replay. <see cref="CompleteAfter"/> is the revision
/// after which every change is in the window: older watch requests get 410 Expired.
/// </summary>
internal sealed class EventRing(int capacity)
{
    private readonly CachedEvent[] _events = new CachedEvent[capacity];
    private int _start;
    private int _count;

    public long CompleteAfter { get; private set; }

    public void Reset(long revision)
    {
        Array.Clear(_events);
        _start = 0;
        _count = 0;
        CompleteAfter = revision;
    }

    public void Add(CachedEvent change)
    {
        if (_count == _events.Length)
        {
            CompleteAfter = _events[_start].Revision;
            _events[_start] = change;
            _start = (_start + 1) % _events.Length;
            return;
        }

        _events[(_start + _count) % _events.Length] = change;
        _count++;
    }

    /// <summary>Events after <paramref name="revision"/> under <paramref name="prefix"/>, oldest first.</summary>
    public List<CachedEvent> After(long revision, string prefix)
    {
        var result = new List<CachedEvent>();
        for (var i = 0; i < _count; i++)
        {
            var change = _events[(_start + i) % _events.Length];
            if (change.Revision > revision && change.Object.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                result.Add(change);
            }
        }

        return result;
    }
}
