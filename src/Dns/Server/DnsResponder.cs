using System.Collections.Concurrent;
using Orchestrator.Dns.Records;

namespace Orchestrator.Dns.Server;

/// <summary>
/// Answers queries from the current zone snapshot. Built answers are cached per (name, type) until
/// the zone changes, so a repeated question costs a parse, one dictionary probe with no allocation,
/// a copy and an ID patch. Thread-safe: any number of receive loops call <see cref="Respond"/> while
/// <see cref="Update"/> swaps the snapshot.
/// </summary>
internal sealed class DnsResponder
{
    /// <summary>Cached answers kept per zone snapshot; past it the cache starts over (random names must not grow it without bound).</summary>
    public const int MaxCachedAnswers = 100_000;

    private volatile Generation _current;

    public DnsResponder(DnsRecords records) => _current = new Generation(records);

    public DnsRecords Records => _current.Records;

    /// <summary>Serves <paramref name="records"/> from now on; answers built from the previous snapshot are dropped.</summary>
    public void Update(DnsRecords records) => _current = new Generation(records);

    /// <summary>
    /// Answers <paramref name="packet"/> into <paramref name="output"/> (at least
    /// <see cref="DnsMessageWriter.MaxMessage"/> + 64 bytes). <paramref name="limit"/> caps the answer
    /// (UDP: 512 or the client's EDNS0 size, never above the given value; TCP: 65535).
    /// </summary>
    public ResponseKind Respond(ReadOnlySpan<byte> packet, Span<byte> output, bool tcp, out int length)
    {
        length = 0;
        Span<char> key = stackalloc char[DnsQueryParser.MaxNameLength + 1];
        var status = DnsQueryParser.Parse(packet, key, out var query);
        switch (status)
        {
            case ParseStatus.Drop:
                return ResponseKind.Drop;
            case ParseStatus.FormatError:
                length = DnsPacket.Error(packet, query, DnsRcode.FormatError, output);
                return ResponseKind.Answered;
            case ParseStatus.NotImplemented:
                length = DnsPacket.Error(packet, query, DnsRcode.NotImplemented, output);
                return ResponseKind.Answered;
        }

        var limit = tcp ? DnsMessageWriter.MaxMessage : query.UdpLimit;
        var generation = _current;
        if (query.Class != DnsQuery.ClassIn)
        {
            if (!generation.Records.InZone(new string(key[..query.NameLength])))
            {
                return ResponseKind.Forward;
            }

            length = DnsPacket.Error(packet, query, DnsRcode.Refused, output);
            return ResponseKind.Answered;
        }

        // The key is the name's text followed by the type as one character.
        key[query.NameLength] = (char)query.Type;
        var cacheKey = key[..(query.NameLength + 1)];
        if (!generation.Lookup.TryGetValue(cacheKey, out var answer))
        {
            var name = new string(key[..query.NameLength]);
            if (generation.Records.Lookup(name, query.Type) is not { } found)
            {
                return ResponseKind.Forward;
            }

            answer = DnsMessageWriter.Answer(name, query.Type, query.Class, found, generation.Records);
            if (generation.Answers.Count >= MaxCachedAnswers)
            {
                generation.Answers.Clear();
            }

            generation.Answers[new string(cacheKey)] = answer;
        }

        length = DnsPacket.CopyAnswer(answer, packet, query, output, limit);
        return ResponseKind.Answered;
    }

    /// <summary>An answer for a query that could not be answered upstream.</summary>
    public static int ServerFailure(ReadOnlySpan<byte> packet, Span<byte> output)
    {
        Span<char> name = stackalloc char[DnsQueryParser.MaxNameLength];
        return DnsQueryParser.Parse(packet, name, out var query) == ParseStatus.Ok ? DnsPacket.Error(packet, query, DnsRcode.ServerFailure, output) : 0;
    }

    private sealed class Generation
    {
        public Generation(DnsRecords records)
        {
            Records = records;
            Answers = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
            Lookup = Answers.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public DnsRecords Records { get; }

        public ConcurrentDictionary<string, byte[]> Answers { get; }

        public ConcurrentDictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }
    }
}
