using Google.Protobuf;

namespace Orchestrator.Testing;

/// <summary>
/// Decodes an OTLP ExportTraceServiceRequest by the field numbers of the OpenTelemetry proto files
/// (collector/trace/v1/trace_service.proto, trace/v1/trace.proto, common/v1/common.proto,
/// resource/v1/resource.proto), reading only what the tests look at and skipping every other field.
/// </summary>
public static class OtlpTraceDecoder
{
    public static IReadOnlyList<OtlpSpan> Decode(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var (field, resourceSpans) in Messages(request))
        {
            if (field == 1)
            {
                ResourceSpans(resourceSpans, spans);
            }
        }

        return spans;
    }

    // ResourceSpans: resource = 1, scope_spans = 2.
    private static void ResourceSpans(byte[] message, List<OtlpSpan> spans)
    {
        var service = "";
        var scopes = new List<byte[]>();
        foreach (var (field, value) in Messages(message))
        {
            if (field == 1)
            {
                // Resource: attributes = 1.
                var attributes = Attributes(value, 1);
                service = attributes.TryGetValue("service.name", out var name) ? name as string ?? "" : "";
            }
            else if (field == 2)
            {
                scopes.Add(value);
            }
        }

        foreach (var scopeSpans in scopes)
        {
            // ScopeSpans: scope = 1 (InstrumentationScope: name = 1), spans = 2.
            var scope = "";
            foreach (var (field, value) in Messages(scopeSpans))
            {
                if (field == 1)
                {
                    scope = Strings(value).GetValueOrDefault(1, "");
                }
                else if (field == 2)
                {
                    spans.Add(Span(service, scope, value));
                }
            }
        }
    }

    // Span: trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, kind = 6 (varint), attributes = 9, status = 15 (code = 3).
    private static OtlpSpan Span(string service, string scope, byte[] message)
    {
        string traceId = "", spanId = "", parentId = "", name = "";
        var kind = 0;
        var status = 0;
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 2: spanId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 4: parentId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 5: name = input.ReadString(); break;
                case 6: kind = input.ReadEnum(); break;
                case 15: status = StatusCode(input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new OtlpSpan(service, scope, traceId, spanId, parentId, name, kind, Attributes(message, 9), status);
    }

    private static int StatusCode(byte[] status)
    {
        var input = new CodedInputStream(status);
        uint tag;
        var code = 0;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 3)
            {
                code = input.ReadEnum();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return code;
    }

    /// <summary>The KeyValue messages (key = 1, value = 2) at <paramref name="fieldNumber"/> of a message.</summary>
    private static Dictionary<string, object?> Attributes(byte[] message, int fieldNumber)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (field, keyValue) in Messages(message))
        {
            if (field != fieldNumber)
            {
                continue;
            }

            var key = "";
            object? value = null;
            foreach (var (kvField, kvValue) in Messages(keyValue))
            {
                if (kvField == 1)
                {
                    key = System.Text.Encoding.UTF8.GetString(kvValue);
                }
                else if (kvField == 2)
                {
                    value = AnyValue(kvValue);
                }
            }

            attributes[key] = value;
        }

        return attributes;
    }

    // AnyValue: string_value = 1, bool_value = 2, int_value = 3, double_value = 4; arrays and maps are skipped.
    private static object? AnyValue(byte[] message)
    {
        var input = new CodedInputStream(message);
        uint tag;
        object? value = null;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: value = input.ReadString(); break;
                case 2: value = input.ReadBool(); break;
                case 3: value = input.ReadInt64(); break;
                case 4: value = input.ReadDouble(); break;
                default: input.SkipLastField(); break;
            }
        }

        return value;
    }

    private static Dictionary<int, string> Strings(byte[] message)
    {
        var strings = new Dictionary<int, string>();
        foreach (var (field, value) in Messages(message))
        {
            strings[field] = System.Text.Encoding.UTF8.GetString(value);
        }

        return strings;
    }

    /// <summary>Every length-delimited field of a message with its number; other wire types are skipped.</summary>
    private static IEnumerable<(int Field, byte[] Value)> Messages(byte[] message)
    {
        var input = new CodedInputStream(message);
        var fields = new List<(int, byte[])>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                fields.Add((WireFormat.GetTagFieldNumber(tag), input.ReadBytes().ToByteArray()));
            }
            else
            {
                input.SkipLastField();
            }
        }

        return fields;
    }
}
