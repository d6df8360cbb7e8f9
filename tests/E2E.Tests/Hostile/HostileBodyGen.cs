using System.Text;
using CsCheck;

namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>
/// CsCheck generators of bodies no server may accept: nesting past 10,000 levels, alias bombs,
/// oversized and truncated wide objects, wrong types, broken encodings and protobuf garbage.
/// Every body is invalid by construction, so any 2xx (or 5xx) is a finding.
/// </summary>
internal static class HostileBodyGen
{
    /// <summary>More than the 3 MiB body limit.</summary>
    private const int OverLimit = 3 * 1024 * 1024 + 1;

    private static readonly byte[] ProtobufMagic = "k8s\0"u8.ToArray();

    public static readonly Gen<HostileBody> DeepJson =
        Gen.Select(Gen.Int[10_001, 16_000], Gen.Bool, (depth, arrays) =>
            Json("deep json", Bodies.ConfigMapJson("hostile-gen", "\"deep\":" + (arrays ? Bodies.DeepJsonArray(depth) : Bodies.DeepJsonObject(depth)))));

    public static readonly Gen<HostileBody> DeepYaml =
        Gen.Select(Gen.Int[10_001, 16_000], Gen.Bool, (depth, flow) =>
            Yaml("deep yaml", Bodies.ConfigMapYaml("hostile-gen") + "deep:" + (flow ? " " + Bodies.DeepYamlFlow(depth) : Bodies.DeepYamlBlock(depth)) + "\n"));

    public static readonly Gen<HostileBody> AliasedYaml = Gen.OneOf(
        Gen.Select(Gen.Int[7, 10], Gen.Int[9, 12], (levels, width) => Yaml($"billion laughs {levels}x{width}", Bodies.BillionLaughs("hostile-gen", levels, width))),
        Gen.Const(Yaml("self-referencing anchor", "apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: x, x: *m}\n")));

    public static readonly Gen<HostileBody> Oversized =
        Gen.Select(Gen.Int[OverLimit, OverLimit + 400_000], Gen.Bool, (size, json) => json
            ? Json("oversized json", Bodies.ConfigMapJson("hostile-gen", "\"data\":{" + Bodies.LargeStringMap(size) + "}"))
            : Yaml("oversized yaml", Bodies.ConfigMapYaml("hostile-gen") + "data:\n  a: " + new string('x', size) + "\n"));

    /// <summary>A wide object cut anywhere before its last byte: never complete JSON.</summary>
    public static readonly Gen<HostileBody> WideTruncated =
        Gen.Select(Gen.Int[1_000, 40_000], Gen.Double[0, 1], (keys, cut) =>
        {
            var full = Bodies.ConfigMapJson("hostile-gen", Bodies.UnknownKeys(keys));
            return Json($"wide json of {keys} keys, truncated", full[..(int)(cut * (full.Length - 1))]);
        });

    public static readonly Gen<HostileBody> WrongTypes = Gen.OneOf(
        Gen.Const(Json("metadata is a number", """{"apiVersion":"v1","kind":"ConfigMap","metadata":5}""")),
        Gen.Const(Json("kind is an array", """{"apiVersion":"v1","kind":["ConfigMap"],"metadata":{"name":"hostile-gen"}}""")),
        Gen.Const(Json("apiVersion is an object", """{"apiVersion":{"v":1},"kind":"ConfigMap","metadata":{"name":"hostile-gen"}}""")),
        Gen.Const(Json("duplicate keys of different types", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"hostile-gen","name":{"a":1}},"metadata":[]}""")),
        Gen.Const(Yaml("yaml list at the top", "- apiVersion: v1\n- kind: ConfigMap\n")),
        Gen.Const(Yaml("yaml tagged binary metadata", "apiVersion: v1\nkind: ConfigMap\nmetadata: !!binary AAECAw==\n")));

    public static readonly Gen<HostileBody> BrokenEncoding = Gen.OneOf(
        Gen.Select(Gen.Byte.Array[0, 4096], bytes => new HostileBody("random bytes", BodyFormat.Json, bytes)),
        Gen.Select(Gen.Byte.Array[1, 4096], bytes => new HostileBody("random bytes", BodyFormat.Yaml, bytes)),
        Gen.Select(Gen.Byte.Array[1, 64], bytes => new HostileBody("invalid utf-8 in kind", BodyFormat.Json,
            [.. """{"apiVersion":"v1","kind":"""u8, (byte)'"', 0xff, .. bytes, (byte)'"', (byte)'}'])));

    public static readonly Gen<HostileBody> Protobuf = Gen.OneOf(
        Gen.Select(Gen.Byte.Array[0, 1024], bytes => new HostileBody("protobuf random", BodyFormat.Protobuf, [.. ProtobufMagic, .. bytes])),
        Gen.Select(Gen.Int[1, 1 << 28], Gen.Byte.Array[0, 16], (length, bytes) => new HostileBody("protobuf length past the end", BodyFormat.Protobuf, [.. ProtobufMagic, 0x0a, .. Varint(length), .. bytes])),
        Gen.Select(Gen.Int[1_000, 20_000], depth => new HostileBody($"protobuf nested {depth} levels", BodyFormat.Protobuf, [.. ProtobufMagic, .. NestedMessages(depth)])));

    /// <summary>All shapes, weighted so that the expensive ones (oversized bodies) stay rare.</summary>
    public static readonly Gen<HostileBody> Any = Gen.Frequency(
        (3, DeepJson), (3, DeepYaml), (2, AliasedYaml), (1, Oversized), (2, WideTruncated), (2, WrongTypes), (3, BrokenEncoding), (3, Protobuf));

    private static HostileBody Json(string shape, string text) => new(shape, BodyFormat.Json, Encoding.UTF8.GetBytes(text));

    private static HostileBody Yaml(string shape, string text) => new(shape, BodyFormat.Yaml, Encoding.UTF8.GetBytes(text));

    private static byte[] Varint(long value)
    {
        var bytes = new List<byte>();
        do
        {
            var low = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value == 0 ? low : (byte)(low | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    /// <summary>Field 1 (length-delimited) holding field 1 holding …, <paramref name="depth"/> times; written outside in, in linear time.</summary>
    private static byte[] NestedMessages(int depth)
    {
        var lengths = new long[depth + 1];
        for (var i = 1; i <= depth; i++)
        {
            lengths[i] = 1 + Varint(lengths[i - 1]).Length + lengths[i - 1];
        }

        var output = new List<byte>((int)lengths[depth]);
        for (var i = depth; i >= 1; i--)
        {
            output.Add(0x0a);
            output.AddRange(Varint(lengths[i - 1]));
        }

        return [.. output];
    }
}
