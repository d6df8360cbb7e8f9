using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.ApiServer.Serialization;

/// <summary>
/// Converts the first YAML document to JSON the way sigs.k8s.io/yaml does: plain scalars become
/// numbers, booleans and null by the YAML core schema; quoted scalars stay strings. Built from
/// the parser's events with an explicit stack (no recursion, so no stack to overflow), within
/// goyaml's limits: nesting up to <see cref="JsonLimits.MaxDepth"/>, aliases budgeted by
/// <see cref="AliasBudget"/>, an anchor may not contain itself, and mapping keys are scalars.
/// </summary>
internal static partial class YamlToJson
{
    private const string StringTag = "tag:yaml.org,2002:str";
    private const int CancellationStride = 4096;

    /// <exception cref="YamlException">Malformed YAML or one of the limits above; the message is goyaml's.</exception>
    public static JsonNode? Convert(string yaml, CancellationToken cancellationToken = default)
    {
        var parser = new Parser(new StringReader(yaml));
        var builder = new Builder();
        var events = 0;
        while (parser.MoveNext())
        {
            if (++events % CancellationStride == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (builder.Accept(parser.Current!))
            {
                return builder.Root;
            }
        }

        return builder.Root;
    }

    /// <summary>The conversion's state: open containers, anchors, and the alias budget.</summary>
    private sealed class Builder
    {
        private readonly Stack<Frame> _open = new();
        private readonly Dictionary<string, Anchor> _anchors = new(StringComparer.Ordinal);
        private readonly HashSet<string> _building = new(StringComparer.Ordinal);
        private readonly AliasBudget _budget = new();
        private bool _inDocument;

        public JsonNode? Root { get; private set; }

        /// <summary>Takes one event; true once the first document is complete.</summary>
        public bool Accept(ParsingEvent e)
        {
            switch (e)
            {
                case DocumentStart:
                    _inDocument = true;
                    return false;
                case DocumentEnd:
                    return _inDocument;
                case MappingStart start:
                    Open(new JsonObject(), start.Anchor, start.Start);
                    return false;
                case SequenceStart start:
                    Open(new JsonArray(), start.Anchor, start.Start);
                    return false;
                case MappingEnd or SequenceEnd:
                    Close();
                    return false;
                case YamlDotNet.Core.Events.Scalar scalar:
                    OnScalar(scalar);
                    return false;
                case AnchorAlias alias:
                    OnAlias(alias);
                    return false;
                default:
                    return false;
            }
        }

        private void Open(JsonNode container, AnchorName anchor, Mark at)
        {
            if (_open.TryPeek(out var parent) && parent.ExpectsKey)
            {
                throw new YamlException(at, at, $"invalid map key: {(container is JsonObject ? "map" : "sequence")}");
            }

            if (_open.Count >= JsonLimits.MaxDepth)
            {
                throw new YamlException(at, at, $"exceeded max depth of {JsonLimits.MaxDepth}");
            }

            _budget.Decoded(1, aliased: false, at);
            var frame = new Frame(container, anchor.IsEmpty ? null : anchor.Value, _budget.DecodeCount);
            if (frame.Anchor is { } name)
            {
                _building.Add(name);
            }

            _open.Push(frame);
        }

        private void Close()
        {
            var frame = _open.Pop();
            var height = frame.ChildHeight + 1;
            if (frame.Anchor is { } name)
            {
                _building.Remove(name);
                _anchors[name] = new Anchor(frame.Container, _budget.DecodeCount - frame.DecodeCountAtStart + 1, height);
            }

            Attach(frame.Container, height);
        }

        private void OnScalar(YamlDotNet.Core.Events.Scalar scalar)
        {
            _budget.Decoded(1, aliased: false, scalar.Start);
            if (_open.TryPeek(out var parent) && parent.ExpectsKey)
            {
                parent.Key = scalar.Value;
                if (!scalar.Anchor.IsEmpty)
                {
                    _anchors[scalar.Anchor.Value] = new Anchor(JsonValue.Create(scalar.Value), 1, 0);
                }

                return;
            }

            var value = Value(scalar);
            if (!scalar.Anchor.IsEmpty)
            {
                _anchors[scalar.Anchor.Value] = new Anchor(value, 1, 0);
            }

            Attach(value, 0);
        }

        private void OnAlias(AnchorAlias alias)
        {
            var name = alias.Value.Value;
            if (_building.Contains(name))
            {
                throw new YamlException(alias.Start, alias.End, $"anchor '{name}' value contains itself");
            }

            if (!_anchors.TryGetValue(name, out var anchor))
            {
                throw new YamlException(alias.Start, alias.End, $"unknown anchor '{name}' referenced");
            }

            _budget.Decoded(1, aliased: false, alias.Start);
            _budget.Decoded(anchor.Nodes, aliased: true, alias.Start);
            if (_open.TryPeek(out var parent) && parent.ExpectsKey)
            {
                parent.Key = anchor.Value is JsonValue key && anchor.Height == 0
                    ? key.ToString()
                    : throw new YamlException(alias.Start, alias.End, "invalid map key: alias of a collection");
                return;
            }

            if (_open.Count + anchor.Height > JsonLimits.MaxDepth)
            {
                throw new YamlException(alias.Start, alias.End, $"exceeded max depth of {JsonLimits.MaxDepth}");
            }

            Attach(JsonTree.Clone(anchor.Value), anchor.Height);
        }

        private void Attach(JsonNode? value, int height)
        {
            if (!_open.TryPeek(out var parent))
            {
                Root = value;
                return;
            }

            parent.ChildHeight = Math.Max(parent.ChildHeight, height);
            if (parent.Container is JsonObject map)
            {
                // A repeated key keeps its last value, as goyaml's decode into a map does.
                map[parent.Key!] = value;
                parent.Key = null;
            }
            else
            {
                ((JsonArray)parent.Container).Add(value);
            }
        }
    }

    private sealed class Frame(JsonNode container, string? anchor, long decodeCountAtStart)
    {
        public JsonNode Container { get; } = container;

        public string? Anchor { get; } = anchor;

        public long DecodeCountAtStart { get; } = decodeCountAtStart;

        /// <summary>The key read and waiting for its value (mappings only).</summary>
        public string? Key { get; set; }

        public int ChildHeight { get; set; }

        public bool ExpectsKey => Container is JsonObject && Key is null;
    }

    /// <summary>An anchored value: its JSON, how many nodes decoding it took, and how deep it nests.</summary>
    private sealed record Anchor(JsonNode? Value, long Nodes, int Height);

    private static JsonNode? Value(YamlDotNet.Core.Events.Scalar scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value is StringTag or "!!str"))
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (Integer().IsMatch(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return JsonValue.Create(integer);
            }

            // Past int64 the number keeps its exact digits (goyaml decodes it as uint64 or float64);
            // an int64 field then refuses it instead of taking a rounded value.
            return JsonNode.Parse(text.TrimStart('+'));
        }

        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+\\z")]
    private static partial Regex Integer();

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?\\z")]
    private static partial Regex Float();
}
