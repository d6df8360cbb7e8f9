using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.ApiServer.FieldManagement;

namespace Orchestrator.ApiServer.Tests.FieldManagement;

/// <summary>The FieldsV1 a create writes straight from the object: byte for byte what the field set writes.</summary>
public sealed class FieldsV1WriterTests
{
    private static readonly FieldScope Main = new(StatusOnly: false, HasStatusSubresource: true);

    public static TheoryData<string, Type, string> Objects => new()
    {
        {
            "pod with labels, containers, ports, env, volumes and tolerations", typeof(V1Pod), """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"d","uid":"u","labels":{"tier":"web","app":"a"},"annotations":{"z":"1","a.b/c":"<&>"},
              "finalizers":["x/y","a/b"],"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"r1","controller":true}]},
             "spec":{"restartPolicy":"Always","containers":[
               {"name":"web","image":"nginx:1","ports":[{"containerPort":8080},{"containerPort":53,"protocol":"UDP"},{"containerPort":53,"protocol":"TCP","name":"dns"}],
                "env":[{"name":"B","value":"2"},{"name":"a\"<é>","value":"q"},{"name":"A","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
                "resources":{"requests":{"cpu":"100m","memory":"64Mi"},"limits":{}},"volumeMounts":[{"name":"data","mountPath":"/data"}]},
               {"name":"side","image":"busybox","command":["sh","-c","sleep 1"],"args":[]}],
               "initContainers":[{"name":"init","image":"busybox"}],
               "volumes":[{"name":"data","emptyDir":{}},{"name":"cfg","configMap":{"name":"c","items":[{"key":"k","path":"p"}]}}],
               "tolerations":[{"key":"k","operator":"Exists","effect":"NoSchedule"}],"nodeSelector":{"disk":"ssd"},
               "affinity":{"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"a":"b"}},"topologyKey":"t"}]}}},
             "status":{"phase":"Pending","conditions":[{"type":"Ready","status":"False"}]}}
            """
        },
        {
            "deployment with a selector, a template and a strategy", typeof(V1Deployment), """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%"}},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}}}
            """
        },
        {
            "service with keyed ports and an empty selector", typeof(V1Service), """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"selector":{},"ports":[{"port":443,"targetPort":8443,"protocol":"TCP","name":"https"},{"port":80}],"clusterIPs":["10.0.0.1"]}}
            """
        },
        {
            "config map with data keys needing escapes and nothing ownable in metadata", typeof(V1ConfigMap), """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","generateName":"g"},"data":{"b":"1","a\"q":"2","é":"3","A":"4"},"binaryData":{}}
            """
        },
        {
            "a list item without its key owns the list whole", typeof(V1Pod), """
            {"metadata":{"labels":{}},"spec":{"containers":[{"name":"a"},{"image":"no-name"}],"nodeName":null}}
            """
        },
        {
            "only identity metadata and type fields", typeof(V1Pod), """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","uid":"u"}}
            """
        },
        {
            "status owned by the main resource without a status subresource", typeof(V1Namespace), """
            {"metadata":{"name":"n","finalizers":["kubernetes"]},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}
            """
        },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Writes_the_same_FieldsV1_as_the_field_set(string description, Type model, string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        var scope = model == typeof(V1Namespace) ? new FieldScope(StatusOnly: false, HasStatusSubresource: false) : Main;

        var (written, direct) = Write(obj, model, scope);

        Assert.True(written, description);
        Assert.Equal(ViaFieldSet(obj, model, scope), direct);
    }

    [Fact]
    public void The_status_subresource_writes_only_status()
    {
        var pod = JsonNode.Parse("""{"metadata":{"labels":{"a":"b"}},"spec":{"nodeName":"n"},"status":{"phase":"Running","podIPs":[{"ip":"10.0.0.2"}]}}""")!.AsObject();
        var status = new FieldScope(StatusOnly: true, HasStatusSubresource: true);

        var (_, direct) = Write(pod, typeof(V1Pod), status);

        Assert.Equal("""{"f:status":{"f:phase":{},"f:podIPs":{"k:{\u0022ip\u0022:\u002210.0.0.2\u0022}":{".":{},"f:ip":{}}}}}""", direct);
        Assert.Equal(ViaFieldSet(pod, typeof(V1Pod), status), direct);
    }

    [Theory]
    [InlineData("""{"spec":{"containers":[{"name":"a","image":"x"},{"name":"a","image":"y"}]}}""")]
    [InlineData("""{"spec":{"containers":[{"name":"a","env":[{"name":"E","value":"1"},{"name":"E","value":"2"}]}]}}""")]
    [InlineData("""{"metadata":{"finalizers":["a/b","a/b"]}}""")]
    public void A_repeated_list_key_is_left_to_the_field_set(string json)
    {
        var (written, _) = Write(JsonNode.Parse(json)!.AsObject(), typeof(V1Pod), Main);

        Assert.False(written);
    }

    [Fact]
    public void A_create_with_repeated_keys_still_records_the_merged_fields()
    {
        var resource = ApiServer.Registry.ResourceRegistry.BuiltIn.Find("", "v1", "pods")!;
        var pod = JsonNode.Parse("""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a","env":[{"name":"E","value":"1"},{"name":"E","value":"2"}]}]}}""")!.AsObject();
        var expected = ViaFieldSet(pod, typeof(V1Pod), Main);

        FieldManager.RecordCreate(resource, pod, new FieldOwner("kubectl", ManagedFieldsEntry.Update, null), "2026-01-01T00:00:00Z");

        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), pod["metadata"]!["managedFields"]![0]!["fieldsV1"]!.ToJsonString());
    }

    private static (bool Written, string Json) Write(JsonObject obj, Type model, FieldScope scope)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);
        var written = FieldsV1Writer.TryWrite(writer, obj, model, scope);
        writer.Flush();
        return (written, written ? Encoding.UTF8.GetString(buffer.WrittenSpan) : "");
    }

    private static string ViaFieldSet(JsonObject obj, Type model, FieldScope scope)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);
        ObjectFields.Of(obj, model, scope).WriteFieldsV1(writer);
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
