using k8s.Models;
using Orchestrator.ApiServer.Patching;

namespace Orchestrator.ApiServer.Tests.Patching;

/// <summary>Maps and scalars: merge-patch semantics plus the map directives ($patch, $retainKeys).</summary>
public sealed class StrategicMergePatchMapTests
{
    [Theory]
    [InlineData("null deletes a key",
        "{'metadata':{'name':'p','labels':{'a':'1','b':'2'}}}", "{'metadata':{'labels':{'a':null}}}",
        "{'metadata':{'name':'p','labels':{'b':'2'}}}")]
    [InlineData("null for an absent key changes nothing",
        "{'metadata':{'name':'p'}}", "{'metadata':{'labels':null}}",
        "{'metadata':{'name':'p'}}")]
    [InlineData("maps merge recursively",
        "{'metadata':{'name':'p','labels':{'a':'1'}}}", "{'metadata':{'labels':{'b':'2'},'annotations':{'x':'y'}}}",
        "{'metadata':{'name':'p','labels':{'a':'1','b':'2'},'annotations':{'x':'y'}}}")]
    [InlineData("scalars are replaced",
        "{'spec':{'nodeName':'n1','priority':1}}", "{'spec':{'nodeName':'n2','priority':2.5}}",
        "{'spec':{'nodeName':'n2','priority':2.5}}")]
    [InlineData("a value of another kind replaces the original",
        "{'spec':{'nodeSelector':{'a':'b'}}}", "{'spec':{'nodeSelector':'oops'}}",
        "{'spec':{'nodeSelector':'oops'}}")]
    [InlineData("a new map is taken without its nulls",
        "{'spec':{}}", "{'spec':{'securityContext':{'runAsUser':1000,'runAsGroup':null}}}",
        "{'spec':{'securityContext':{'runAsUser':1000}}}")]
    [InlineData("a new map is taken without its nested directives",
        "{'spec':{}}", "{'spec':{'dnsConfig':{'$retainKeys':['nameservers'],'nameservers':['1.1.1.1'],'options':[{'$patch':'delete','name':'x'},{'name':'ndots','value':'2'}]}}}",
        "{'spec':{'dnsConfig':{'nameservers':['1.1.1.1'],'options':[{'name':'ndots','value':'2'}]}}}")]
    [InlineData("a new map that is itself a delete directive is not added",
        "{'spec':{}}", "{'spec':{'securityContext':{'$patch':'delete'}}}",
        "{'spec':{}}")]
    [InlineData("$patch replace replaces a map",
        "{'metadata':{'labels':{'a':'1','b':'2'}}}", "{'metadata':{'labels':{'$patch':'replace','c':'3'}}}",
        "{'metadata':{'labels':{'c':'3'}}}")]
    [InlineData("$patch replace drops the nulls of the new map",
        "{'spec':{'securityContext':{'runAsUser':1}}}", "{'spec':{'securityContext':{'$patch':'replace','runAsGroup':2,'fsGroup':null}}}",
        "{'spec':{'securityContext':{'runAsGroup':2}}}")]
    [InlineData("$patch delete empties a map",
        "{'metadata':{'labels':{'a':'1'}}}", "{'metadata':{'labels':{'$patch':'delete','b':'2'}}}",
        "{'metadata':{'labels':{}}}")]
    [InlineData("$patch replace at the top replaces the object",
        "{'metadata':{'name':'p'},'spec':{'nodeName':'n'}}", "{'$patch':'replace','metadata':{'name':'q'}}",
        "{'metadata':{'name':'q'}}")]
    [InlineData("dictionary values merge as maps (secret data)",
        "{'data':{'a':'QQ==','b':'Qg=='},'type':'Opaque'}", "{'data':{'b':null,'c':'Qw=='}}",
        "{'data':{'a':'QQ==','c':'Qw=='},'type':'Opaque'}")]
    [InlineData("fields the model lacks merge as plain maps",
        "{'spec':{'extra':{'a':1,'list':[1,2]}}}", "{'spec':{'extra':{'b':2,'list':[3]}}}",
        "{'spec':{'extra':{'a':1,'b':2,'list':[3]}}}")]
    [InlineData("an empty patch changes nothing",
        "{'metadata':{'name':'p'}}", "{}",
        "{'metadata':{'name':'p'}}")]
    public void Maps_and_scalars_merge(string scenario, string original, string patch, string expected)
    {
        var model = original.Contains("'data'", StringComparison.Ordinal) ? typeof(V1Secret) : typeof(V1Pod);

        var result = StrategicMergePatch.Apply(Json.Parse(original), Json.Parse(patch), model);

        Json.Equal(expected, result, scenario);
    }

    [Theory]
    [InlineData("a volume switches source, keeping only the listed keys",
        "{'spec':{'volumes':[{'name':'data','emptyDir':{}},{'name':'cfg','configMap':{'name':'a'}}]}}",
        "{'spec':{'volumes':[{'$retainKeys':['configMap','name'],'name':'data','configMap':{'name':'settings'}}]}}",
        "{'spec':{'volumes':[{'name':'data','configMap':{'name':'settings'}},{'name':'cfg','configMap':{'name':'a'}}]}}")]
    [InlineData("retained keys still merge",
        "{'spec':{'volumes':[{'name':'data','hostPath':{'path':'/a','type':'Directory'},'emptyDir':{}}]}}",
        "{'spec':{'volumes':[{'$retainKeys':['hostPath','name'],'name':'data','hostPath':{'path':'/b'}}]}}",
        "{'spec':{'volumes':[{'name':'data','hostPath':{'path':'/b','type':'Directory'}}]}}")]
    [InlineData("nulls and parallel lists need not be listed",
        "{'spec':{'dnsConfig':{'nameservers':['1.1.1.1'],'searches':['a'],'options':[{'name':'x'}]}}}",
        "{'spec':{'dnsConfig':{'$retainKeys':['nameservers'],'searches':null,'nameservers':['8.8.8.8'],'$setElementOrder/nameservers':['8.8.8.8']}}}",
        "{'spec':{'dnsConfig':{'nameservers':['8.8.8.8']}}}")]
    [InlineData("an empty list clears the whole map",
        "{'spec':{'securityContext':{'runAsUser':1,'fsGroup':2}}}",
        "{'spec':{'securityContext':{'$retainKeys':[]}}}",
        "{'spec':{'securityContext':{}}}")]
    public void RetainKeys_clears_the_keys_it_does_not_list(string scenario, string original, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(Json.Parse(original), Json.Parse(patch), typeof(V1Pod));

        Json.Equal(expected, result, scenario);
    }

    [Theory]
    [InlineData("{'$ref':'#/definitions/a','type':'object'}", "{'$ref':'#/definitions/b','$schema':'s'}", "{'$ref':'#/definitions/b','$schema':'s','type':'object'}")]
    [InlineData("{'properties':{'a':{'type':'string'}}}", "{'properties':{'a':{'$ref':'#/x'}}}", "{'properties':{'a':{'type':'string','$ref':'#/x'}}}")]
    public void Dollar_fields_the_model_declares_are_fields_not_directives(string original, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(Json.Parse(original), Json.Parse(patch), typeof(V1JSONSchemaProps));

        Json.Equal(expected, result);
    }

    [Theory]
    [InlineData("{'metadata':{'labels':{'$odd':'x'}}}", "{'metadata':{'labels':{'$odd':'x'}}}")]
    [InlineData("{'spec':{'extra':{'$odd':1}}}", "{'spec':{'extra':{'$odd':1}}}")]
    public void Dollar_keys_are_plain_keys_in_maps_without_a_model(string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(Json.Parse("{}"), Json.Parse(patch), typeof(V1Pod));

        Json.Equal(expected, result);
    }
}
