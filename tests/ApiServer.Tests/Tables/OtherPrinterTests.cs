namespace Orchestrator.ApiServer.Tests.Tables;

/// <summary>Volumes, claims, and the kinds of the smaller groups (policy, coordination, discovery, node, scheduling).</summary>
public sealed class OtherPrinterTests
{
    public static TheoryData<string, string, string, string> Objects => new()
    {
        {
            "", "persistentvolumes",
            """
            {"metadata":{"name":"pv-data","creationTimestamp":"2025-06-01T11:00:00Z"},
             "spec":{"capacity":{"storage":"10Gi"},"accessModes":["ReadWriteMany","ReadWriteOnce","ReadWriteOnce"],"persistentVolumeReclaimPolicy":"Delete",
                     "storageClassName":"fast","volumeMode":"Block","claimRef":{"kind":"PersistentVolumeClaim","namespace":"default","name":"data"},"hostPath":{"path":"/data"}},
             "status":{"phase":"Bound"}}
            """,
            """["pv-data","10Gi","RWO,RWX","Delete","Bound","default/data","fast","<unset>","","60m","Block"]"""
        },
        {
            "", "persistentvolumes",
            """
            {"metadata":{"name":"pv-new","creationTimestamp":"2025-06-01T11:00:00Z","annotations":{"volume.beta.kubernetes.io/storage-class":"legacy"}},
             "spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOncePod"],"storageClassName":"ignored","volumeAttributesClassName":"gold"}}
            """,
            """["pv-new","1Gi","RWOP","Retain","Pending","","legacy","gold","","60m","Filesystem"]"""
        },
        {
            "", "persistentvolumes",
            """{"metadata":{"name":"pv-gone","deletionTimestamp":"2025-06-01T11:00:00Z"},"spec":{},"status":{"phase":"Released","reason":"Reclaim"}}""",
            """["pv-gone","0","","Retain","Terminating","","","<unset>","Reclaim","<unknown>","Filesystem"]"""
        },
        {
            "", "persistentvolumeclaims",
            """
            {"metadata":{"name":"data","creationTimestamp":"2025-06-01T11:00:00Z"},
             "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"5Gi"}},"storageClassName":"fast","volumeName":"pv-data","volumeMode":"Filesystem"},
             "status":{"phase":"Bound","accessModes":["ReadWriteOnce","ReadWriteMany"],"capacity":{"storage":"10Gi"}}}
            """,
            """["data","Bound","pv-data","10Gi","RWO,RWX","fast","<unset>","60m","Filesystem"]"""
        },
        {
            "", "persistentvolumeclaims",
            """{"metadata":{"name":"waiting","creationTimestamp":"2025-06-01T11:00:00Z"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"5Gi"}}}}""",
            """["waiting","Pending","","","","","<unset>","60m","Filesystem"]"""
        },
        {
            "policy", "poddisruptionbudgets",
            """{"metadata":{"name":"web","creationTimestamp":"2025-06-01T11:00:00Z"},"spec":{"minAvailable":2,"selector":{"matchLabels":{"app":"web"}}},"status":{"disruptionsAllowed":1}}""",
            """["web","2","N/A",1,"60m"]"""
        },
        {
            "policy", "poddisruptionbudgets",
            """{"metadata":{"name":"db","creationTimestamp":"2025-06-01T11:00:00Z"},"spec":{"maxUnavailable":"25%"}}""",
            """["db","N/A","25%",0,"60m"]"""
        },
        {
            "coordination.k8s.io", "leases",
            """{"metadata":{"name":"node1","creationTimestamp":"2025-06-01T11:00:00Z"},"spec":{"holderIdentity":"node1","leaseDurationSeconds":40,"renewTime":"2025-06-01T11:59:50.000000Z"}}""",
            """["node1","node1","60m"]"""
        },
        {
            "coordination.k8s.io", "leases",
            """{"metadata":{"name":"free","creationTimestamp":"2025-06-01T11:00:00Z"},"spec":{}}""",
            """["free","","60m"]"""
        },
        {
            "discovery.k8s.io", "endpointslices",
            """
            {"metadata":{"name":"web-abc12","creationTimestamp":"2025-06-01T11:00:00Z"},"addressType":"IPv4",
             "ports":[{"name":"http","port":8080,"protocol":"TCP"},{"name":"metrics"},{}],
             "endpoints":[{"addresses":["10.244.0.5"],"conditions":{"ready":true}},{"addresses":["10.244.1.7"]},{"addresses":["10.244.2.9"]},{"addresses":["10.244.3.1"]}]}
            """,
            """["web-abc12","IPv4","8080,metrics,*","10.244.0.5,10.244.1.7,10.244.2.9 + 1 more...","60m"]"""
        },
        {
            "discovery.k8s.io", "endpointslices",
            """{"metadata":{"name":"empty-xyz","creationTimestamp":"2025-06-01T11:00:00Z"},"addressType":"IPv6","endpoints":[]}""",
            """["empty-xyz","IPv6","<unset>","<unset>","60m"]"""
        },
        {
            "node.k8s.io", "runtimeclasses",
            """{"metadata":{"name":"gvisor","creationTimestamp":"2025-06-01T11:00:00Z"},"handler":"runsc"}""",
            """["gvisor","runsc","60m"]"""
        },
        {
            "scheduling.k8s.io", "priorityclasses",
            """{"metadata":{"name":"system-node-critical","creationTimestamp":"2025-05-01T12:00:00Z"},"value":2000001000,"globalDefault":false,"preemptionPolicy":"PreemptLowerPriority"}""",
            """["system-node-critical",2000001000,false,"31d","PreemptLowerPriority"]"""
        },
        {
            "scheduling.k8s.io", "priorityclasses",
            """{"metadata":{"name":"batch","creationTimestamp":"2025-06-01T11:00:00Z"},"value":-5,"globalDefault":true}""",
            """["batch",-5,true,"60m","PreemptLowerPriority"]"""
        },
        {
            "scheduling.k8s.io", "priorityclasses",
            """{"metadata":{"name":"never","creationTimestamp":"2025-06-01T11:00:00Z"},"value":100,"preemptionPolicy":"Never"}""",
            """["never",100,false,"60m","Never"]"""
        },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Cells_match_upstream(string group, string plural, string obj, string cells) =>
        Assert.Equal(cells, Printed.Cells(group, plural, obj));

    [Theory]
    [InlineData("", "persistentvolumes", "Name,Capacity,Access Modes,Reclaim Policy,Status,Claim,StorageClass,VolumeAttributesClass,Reason,Age,VolumeMode*")]
    [InlineData("", "persistentvolumeclaims", "Name,Status,Volume,Capacity,Access Modes,StorageClass,VolumeAttributesClass,Age,VolumeMode*")]
    [InlineData("policy", "poddisruptionbudgets", "Name,Min Available,Max Unavailable,Allowed Disruptions,Age")]
    [InlineData("coordination.k8s.io", "leases", "Name,Holder,Age")]
    [InlineData("discovery.k8s.io", "endpointslices", "Name,AddressType,Ports,Endpoints,Age")]
    [InlineData("node.k8s.io", "runtimeclasses", "Name,Handler,Age")]
    [InlineData("scheduling.k8s.io", "priorityclasses", "Name,Value,Global-Default,Age,PreemptionPolicy")]
    public void Columns_are_upstreams(string group, string plural, string columns) =>
        Assert.Equal(columns, Printed.Columns(group, plural));
}
