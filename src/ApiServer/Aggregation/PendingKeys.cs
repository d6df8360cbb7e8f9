using System.Threading.Channels;

namespace Orchestrator.ApiServer.Aggregation;

/// <summary>
/// Keys waiting for a pass of a background loop, deduplicated: <see cref="Add"/> from any thread, and
/// <see cref="TakeAsync"/> in the loop returns every key pending at that moment (waiting while there is none). A key
/// added while its pass runs is taken again by the next one.
/// </summary>
internal sealed class PendingKeys
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Add(string key)
    {
        _keys[key] = 0;
        _wake.Writer.TryWrite(true);
    }

    public void AddRange(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            _keys[key] = 0;
        }

        _wake.Writer.TryWrite(true);
    }

    public async Task<IReadOnlyList<string>> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _wake.Reader.ReadAsync(cancellationToken);
            var taken = new List<string>();
            foreach (var key in _keys.Keys)
            {
                if (_keys.TryRemove(key, out _))
                {
                    taken.Add(key);
                }
            }

            if (taken.Count > 0)
            {
                return taken;
            }
        }
    }
}
