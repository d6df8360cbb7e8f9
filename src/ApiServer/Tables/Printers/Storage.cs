using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>Cell formats shared by the volume and claim printers.</summary>
internal static class Storage
{
    private const string BetaClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    private static readonly (string Mode, string Short)[] Modes =
        [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")];

    /// <summary>"RWO,RWX": each mode once, in upstream's fixed order.</summary>
    public static string AccessModes(IReadOnlyList<string> modes) =>
        string.Join(",", Modes.Where(m => modes.Contains(m.Mode)).Select(m => m.Short));

    /// <summary>The beta storage-class annotation when present, else spec.storageClassName.</summary>
    public static string ClassOf(JsonObject obj) =>
        obj.StringOrNull("metadata", "annotations", BetaClassAnnotation) ?? obj.String("spec", "storageClassName");

    /// <summary>A quantity as stored; "0" when absent, as upstream prints a missing quantity.</summary>
    public static string Quantity(string? quantity) => string.IsNullOrEmpty(quantity) ? "0" : quantity;
}
