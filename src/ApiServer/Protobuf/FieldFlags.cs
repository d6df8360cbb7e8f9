using Google.Protobuf.Reflection;
using Orchestrator.ApiServer.Protobuf.Messages;

namespace Orchestrator.ApiServer.Protobuf;

/// <summary>
/// How a field shows in the Kubernetes JSON form, from the options in proto/kubernetes/options.proto.
/// </summary>
/// <param name="Pointer">A Go pointer: emitted whenever present on the wire, zero included.</param>
/// <param name="Always">No omitempty in Go: emitted even when zero or absent.</param>
/// <param name="Inline">An embedded Go struct: its fields join the enclosing object.</param>
internal readonly record struct FieldFlags(bool Pointer, bool Always, bool Inline)
{
    private static readonly ConcurrentDictionary<FieldDescriptor, FieldFlags> Cache = new();

    public static FieldFlags Of(FieldDescriptor field) => Cache.GetOrAdd(field, static f =>
    {
        var options = f.GetOptions();
        return options is null
            ? default
            : new FieldFlags(
                options.GetExtension(OptionsExtensions.Ptr),
                options.GetExtension(OptionsExtensions.Always),
                options.GetExtension(OptionsExtensions.Inline));
    });
}
