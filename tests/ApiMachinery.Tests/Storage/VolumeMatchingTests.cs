using k8s.Models;
using Orchestrator.ApiMachinery.Storage;

namespace Orchestrator.ApiMachinery.Tests.Storage;

/// <summary>Claim-to-volume matching as the binder (no node) and the scheduler (with a node) both use it.</summary>
public sealed class VolumeMatchingTests
{
    private static readonly V1Node N1 = new() { Metadata = new V1ObjectMeta { Name = "n1", Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = "n1" } } };

    private static V1PersistentVolume Volume(string name, string size, string? node = null, string modes = "ReadWriteOnce", string? claim = null, string phase = "Available") => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PersistentVolumeSpec
        {
            Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) },
            AccessModes = modes.Split(','),
            ClaimRef = claim is null ? null : new V1ObjectReference { NamespaceProperty = "default", Name = claim },
            NodeAffinity = node is null ? null : new V1VolumeNodeAffinity
            {
                Required = new V1NodeSelector
                {
                    NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/hostname", OperatorProperty = "In", Values = [node] }] }],
                },
            },
        },
        Status = new V1PersistentVolumeStatus { Phase = phase },
    };

    private static V1PersistentVolumeClaim Claim(string size, string modes = "ReadWriteOnce") => new()
    {
        Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = "default", Uid = "uid-c" },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = modes.Split(','),
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) } },
        },
    };

    public static TheoryData<string, V1PersistentVolume[], bool, string?> Scheduler => new()
    {
        { "the smallest volume on the node", [Volume("big", "5Gi", "n1"), Volume("small", "2Gi", "n1"), Volume("elsewhere", "1Gi", "n2")], false, "small" },
        { "no volume admits the node", [Volume("elsewhere", "1Gi", "n2")], false, null },
        { "the scheduler checks access modes", [Volume("rox", "1Gi", "n1", "ReadOnlyMany")], false, null },
        { "a volume pre-bound to the claim on another node: no match at all", [Volume("mine", "1Gi", "n2", claim: "c"), Volume("free", "1Gi", "n1")], false, null },
        { "an excluded volume is skipped", [Volume("taken", "1Gi", "n1"), Volume("other", "3Gi", "n1")], true, "other" },
    };

    [Theory]
    [MemberData(nameof(Scheduler))]
    public void The_scheduler_path_matches_on_the_node(string why, V1PersistentVolume[] volumes, bool excludeTaken, string? expected)
    {
        var excluded = excludeTaken ? new HashSet<string> { "taken" } : null;

        var match = VolumeMatching.FindMatchingVolume(Claim("1Gi"), volumes, N1, excluded, delayBinding: true);

        Assert.True(match?.Metadata.Name == expected, $"{why}: got {match?.Metadata.Name ?? "none"}");
    }

    [Fact]
    public void The_binder_prefers_the_fewest_access_modes_then_the_smallest_volume_and_leaves_delayed_claims_to_the_scheduler()
    {
        V1PersistentVolume[] volumes = [Volume("rwo-rox", "1Gi", modes: "ReadWriteOnce,ReadOnlyMany"), Volume("rwo-big", "9Gi"), Volume("rwo", "3Gi")];

        Assert.Equal("rwo", VolumeMatching.FindBestMatchForClaim(Claim("1Gi"), volumes, delayBinding: false)?.Metadata.Name);
        Assert.Equal("rwo-rox", VolumeMatching.FindBestMatchForClaim(Claim("1Gi", "ReadOnlyMany"), volumes, delayBinding: false)?.Metadata.Name);
        Assert.Null(VolumeMatching.FindBestMatchForClaim(Claim("1Gi"), volumes, delayBinding: true));
        Assert.Equal("mine", VolumeMatching.FindBestMatchForClaim(Claim("1Gi"), [.. volumes, Volume("mine", "20Gi", claim: "c", phase: "Pending")], delayBinding: true)?.Metadata.Name);
    }

    [Fact]
    public void The_newest_default_class_wins()
    {
        static V1StorageClass Class(string name, int minute, bool isDefault) => new()
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                CreationTimestamp = new DateTime(2026, 1, 1, 0, minute, 0, DateTimeKind.Utc),
                Annotations = isDefault ? new Dictionary<string, string> { [StorageClasses.IsDefaultAnnotation] = "true" } : null,
            },
        };

        Assert.Equal("newer", StorageClasses.Default([Class("older", 1, true), Class("newer", 2, true), Class("newest", 3, false)])?.Metadata.Name);
        Assert.Null(StorageClasses.Default([Class("plain", 1, false)]));
    }

    [Fact]
    public void Binding_a_volume_sets_its_claimRef_and_marks_it_unless_the_user_pre_bound_it()
    {
        var claim = Claim("1Gi");

        var bound = VolumeClaimBinding.BindVolumeToClaim(Volume("v", "1Gi"), claim)!;
        Assert.Equal(("default", "c", "uid-c"), (bound.Spec.ClaimRef.NamespaceProperty, bound.Spec.ClaimRef.Name, bound.Spec.ClaimRef.Uid));
        Assert.Equal("yes", bound.Metadata.Annotations[StorageAnnotations.BoundByController]);
        Assert.Null(VolumeClaimBinding.BindVolumeToClaim(bound, claim));

        var preBound = VolumeClaimBinding.BindVolumeToClaim(Volume("v", "1Gi", claim: "c"), claim)!;
        Assert.Equal("uid-c", preBound.Spec.ClaimRef.Uid);
        Assert.Null(preBound.Metadata.Annotations);
    }
}
