using Orchestrator.ApiServer.Tests.Tables;

namespace Orchestrator.ApiServer.Tests.Registry.StorageApi;

/// <summary>storage.k8s.io/v1 StorageClass, CSIDriver, CSINode and VolumeAttachment: defaults, upstream's causes, update rules and tables.</summary>
public sealed class StorageStrategyTests
{
    private const string Group = "storage.k8s.io";

    public static TheoryData<string, string, string[]> Invalid => new()
    {
        { "storageclasses", """{}""", ["provisioner: Required value"] },
        {
            "storageclasses",
            """{"provisioner":"kubernetes.io/aws ebs","reclaimPolicy":"Recycle","volumeBindingMode":"Later","parameters":{"":"x"},"allowedTopologies":[{"matchLabelExpressions":[{"key":"zone","values":[]}]}]}""",
            [
                "provisioner: Invalid value: \"kubernetes.io/aws ebs\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "parameters: Invalid value: \"\": field can not be empty.",
                "reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"",
                "volumeBindingMode: Unsupported value: \"Later\": supported values: \"Immediate\", \"WaitForFirstConsumer\"",
                "allowedTopologies[0].matchLabelExpressions[0].values: Required value: must specify as least one value",
            ]
        },
        {
            "csidrivers",
            """{"metadata":{"name":"Bad_Driver"},"spec":{"fsGroupPolicy":"Always","volumeLifecycleModes":["Persistent","Transient"],"tokenRequests":[{"audience":"a","expirationSeconds":60},{"audience":"a"}]}}""",
            [
                "name: Invalid value: \"Bad_Driver\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.fsGroupPolicy: Unsupported value: \"Always\": supported values: \"File\", \"None\", \"ReadWriteOnceWithFSType\"",
                "spec.volumeLifecycleModes[1]: Unsupported value: \"Transient\": supported values: \"Ephemeral\", \"Persistent\"",
                "spec.tokenRequests[0].expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes",
                "spec.tokenRequests[1].audience: Duplicate value: \"a\"",
            ]
        },
        {
            "csinodes",
            """{"metadata":{"name":"n1"},"spec":{"drivers":[{"name":"ebs.csi.aws.com"},{"name":"ebs.csi.aws.com","nodeID":"i-1","topologyKeys":["zone","zone"]}]}}""",
            [
                "spec.drivers[0].nodeID: Required value: nodeID must be provided",
                "spec.drivers[1].name: Duplicate value: \"ebs.csi.aws.com\"",
                "spec.drivers[1].topologyKeys: Duplicate value: \"zone\"",
            ]
        },
        {
            "volumeattachments",
            """{"spec":{"attacher":"","source":{},"nodeName":"n1"}}""",
            [
                "spec.attacher: Required value",
                "spec.attacher: Invalid value: \"\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_objects_get_upstreams_causes(string plural, string json, string[] expected)
    {
        Assert.Equal(expected, KindCases.Causes(Group, plural, json));
    }

    [Theory]
    [InlineData("storageclasses", """{"provisioner":"ebs.csi.aws.com","parameters":{"type":"gp3"},"allowVolumeExpansion":true,"volumeBindingMode":"WaitForFirstConsumer"}""")]
    [InlineData("csidrivers", """{"metadata":{"name":"ebs.csi.aws.com"},"spec":{"attachRequired":false,"volumeLifecycleModes":["Persistent","Ephemeral"],"tokenRequests":[{"audience":"sts.amazonaws.com","expirationSeconds":3600}]}}""")]
    [InlineData("csinodes", """{"metadata":{"name":"n1"},"spec":{"drivers":[{"name":"ebs.csi.aws.com","nodeID":"i-0123","topologyKeys":["topology.ebs.csi.aws.com/zone"],"allocatable":{"count":25}}]}}""")]
    [InlineData("volumeattachments", """{"spec":{"attacher":"ebs.csi.aws.com","source":{"persistentVolumeName":"pv-1"},"nodeName":"n1"}}""")]
    public void Valid_objects_pass(string plural, string json)
    {
        Assert.Empty(KindCases.Causes(Group, plural, json));
    }

    [Theory]
    [InlineData("storageclasses", """{"provisioner":"p.example.com"}""", """{"provisioner":"p.example.com","reclaimPolicy":"Delete","volumeBindingMode":"Immediate"}""")]
    [InlineData("storageclasses", """{"provisioner":"p.example.com","reclaimPolicy":"Retain","volumeBindingMode":"WaitForFirstConsumer"}""", """{"provisioner":"p.example.com","reclaimPolicy":"Retain","volumeBindingMode":"WaitForFirstConsumer"}""")]
    [InlineData("csidrivers", """{"spec":{}}""", """{"spec":{"attachRequired":true,"podInfoOnMount":false,"storageCapacity":false,"fsGroupPolicy":"ReadWriteOnceWithFSType","volumeLifecycleModes":["Persistent"],"requiresRepublish":false,"seLinuxMount":false}}""")]
    public void Defaults_are_upstreams(string plural, string input, string expected)
    {
        Assert.Equal(expected, KindCases.Defaulted(Group, plural, input).Json());
    }

    [Fact]
    public void A_storage_class_keeps_its_provisioner_parameters_and_policies()
    {
        Assert.Equal(
            [
                "parameters: Forbidden: updates to parameters are forbidden.",
                "provisioner: Forbidden: updates to provisioner are forbidden.",
                "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.",
                "volumeBindingMode: Invalid value: \"WaitForFirstConsumer\": field is immutable",
            ],
            KindCases.UpdateCauses(
                Group,
                "storageclasses",
                """{"provisioner":"a.example.com","parameters":{"type":"gp2"}}""",
                """{"provisioner":"b.example.com","parameters":{"type":"gp3"},"reclaimPolicy":"Retain","volumeBindingMode":"WaitForFirstConsumer"}"""));
        Assert.Empty(KindCases.UpdateCauses(Group, "storageclasses", """{"provisioner":"a.example.com"}""", """{"provisioner":"a.example.com","allowVolumeExpansion":true}"""));
    }

    [Fact]
    public void Csi_drivers_and_volume_attachments_keep_their_immutable_fields()
    {
        Assert.Equal(
            ["spec.attachRequired: Invalid value: false: field is immutable"],
            KindCases.UpdateCauses(Group, "csidrivers", """{"spec":{}}""", """{"spec":{"attachRequired":false,"podInfoOnMount":true}}"""));
        Assert.Single(KindCases.UpdateCauses(Group, "volumeattachments", """{"spec":{"attacher":"a","nodeName":"n1"}}""", """{"spec":{"attacher":"a","nodeName":"n2"}}"""));
    }

    [Theory]
    [InlineData("storageclasses", """{"metadata":{"name":"gp3","creationTimestamp":"2025-06-01T11:00:00Z","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},"provisioner":"ebs.csi.aws.com","reclaimPolicy":"Retain","volumeBindingMode":"WaitForFirstConsumer","allowVolumeExpansion":true}""", """["gp3 (default)","ebs.csi.aws.com","Retain","WaitForFirstConsumer",true,"60m"]""")]
    [InlineData("storageclasses", """{"metadata":{"name":"slow","annotations":{"storageclass.beta.kubernetes.io/is-default-class":"false"}},"provisioner":"p"}""", """["slow","p","Delete","Immediate",false,"<unknown>"]""")]
    [InlineData("csidrivers", """{"metadata":{"name":"d"},"spec":{"attachRequired":false,"podInfoOnMount":true,"tokenRequests":[{"audience":"a"},{"audience":"b"}],"volumeLifecycleModes":["Persistent","Ephemeral"]}}""", """["d",false,true,false,"a,b",false,"Persistent,Ephemeral","<unknown>"]""")]
    [InlineData("csidrivers", """{"metadata":{"name":"e"},"spec":{}}""", """["e",true,false,false,"<unset>",false,"<none>","<unknown>"]""")]
    [InlineData("csinodes", """{"metadata":{"name":"n1"},"spec":{"drivers":[{"name":"a"},{"name":"b"}]}}""", """["n1",2,"<unknown>"]""")]
    [InlineData("volumeattachments", """{"metadata":{"name":"csi-1"},"spec":{"attacher":"ebs.csi.aws.com","source":{"persistentVolumeName":"pv-1"},"nodeName":"n1"},"status":{"attached":true}}""", """["csi-1","ebs.csi.aws.com","pv-1","n1",true,"<unknown>"]""")]
    public void Tables_print_upstreams_cells(string plural, string json, string expected)
    {
        Assert.Equal(expected, Printed.Cells(Group, plural, json));
    }

    [Fact]
    public void Tables_have_upstreams_columns()
    {
        Assert.Equal("Name,Provisioner,ReclaimPolicy,VolumeBindingMode,AllowVolumeExpansion,Age", Printed.Columns(Group, "storageclasses"));
        Assert.Equal("Name,AttachRequired,PodInfoOnMount,StorageCapacity,TokenRequests,RequiresRepublish,Modes,Age", Printed.Columns(Group, "csidrivers"));
        Assert.Equal("Name,Drivers,Age", Printed.Columns(Group, "csinodes"));
        Assert.Equal("Name,Attacher,PV,Node,Attached,Age", Printed.Columns(Group, "volumeattachments"));
    }
}
