using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Admission;
using Orchestrator.ApiServer.Tests.Defaulting;

namespace Orchestrator.ApiServer.Tests.Admission.StorageObjectInUseProtection;

/// <summary>The StorageObjectInUseProtection admission plugin: new volumes and claims carry their protection finalizer.</summary>
public sealed class StorageObjectInUseProtectionTests
{
    private static readonly AdmissionChain Chain = AdmissionPlugins.Chain([new ApiServer.Admission.StorageObjectInUseProtection.StorageObjectInUseProtection()]);

    public static TheoryData<string, string, string, bool, string> Objects => new()
    {
        { "a new claim gets pvc-protection", "persistentvolumeclaims", """{"metadata":{"name":"c"}}""", true, """["kubernetes.io/pvc-protection"]""" },
        { "a new volume gets pv-protection", "persistentvolumes", """{"metadata":{"name":"v"}}""", true, """["kubernetes.io/pv-protection"]""" },
        { "other finalizers are kept, ours appended", "persistentvolumeclaims", """{"metadata":{"name":"c","finalizers":["example.com/keep"]}}""", true, """["example.com/keep","kubernetes.io/pvc-protection"]""" },
        { "a finalizer already there is not doubled", "persistentvolumes", """{"metadata":{"name":"v","finalizers":["kubernetes.io/pv-protection"]}}""", true, """["kubernetes.io/pv-protection"]""" },
        { "an update adds nothing (create only)", "persistentvolumeclaims", """{"metadata":{"name":"c"}}""", false, "null" },
        { "other kinds are left alone", "configmaps", """{"metadata":{"name":"c"}}""", true, "null" },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void New_volumes_and_claims_get_their_protection_finalizer(string why, string plural, string input, bool create, string expected)
    {
        var obj = JsonNode.Parse(input)!.AsObject();
        var operation = create ? AdmissionOperation.Create : AdmissionOperation.Update;
        var ns = plural == "persistentvolumes" ? null : "default";
        Chain.Admit(new AdmissionAttributes(operation, Served.Resource("", plural), null, ns, "x", obj, create ? null : obj.DeepClone().AsObject(), DryRun: false));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), obj["metadata"]!["finalizers"]), $"{why}: {obj["metadata"]!["finalizers"]?.ToJsonString() ?? "null"}");
    }
}
