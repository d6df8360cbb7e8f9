using k8s.Models;
using Orchestrator.ApiServer.Patching;

namespace Orchestrator.ApiServer.Tests.Patching;

/// <summary>Lists: merged by key, unioned, replaced, and the list directives.</summary>
public sealed class StrategicMergePatchListTests
{
    [Theory]
    [InlineData("containers merge by name; new ones are appended",
        "{'spec':{'containers':[{'name':'a','image':'x:1','args':['-v']},{'name':'b','image':'y:1'}]}}",
        "{'spec':{'containers':[{'name':'b','image':'y:2'},{'name':'c','image':'z:1'}]}}",
        "{'spec':{'containers':[{'name':'a','image':'x:1','args':['-v']},{'name':'b','image':'y:2'},{'name':'c','image':'z:1'}]}}")]
    [InlineData("patch elements take the patch's order among the others",
        "{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}]}}",
        "{'spec':{'containers':[{'name':'c','image':'i'},{'name':'a','image':'j'}]}}",
        "{'spec':{'containers':[{'name':'b'},{'name':'c','image':'i'},{'name':'a','image':'j'}]}}")]
    [InlineData("a patch naming every element sets their order",
        "{'spec':{'containers':[{'name':'a'},{'name':'b','image':'x'},{'name':'c'}]}}",
        "{'spec':{'containers':[{'name':'c'},{'name':'a'},{'name':'b','args':['y']}]}}",
        "{'spec':{'containers':[{'name':'c'},{'name':'a'},{'name':'b','image':'x','args':['y']}]}}")]
    [InlineData("an element whose merge key is a number matches by value",
        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'}]}]}}",
        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80.0,'protocol':'UDP'}]}]}}",
        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http','protocol':'UDP'}]}]}}")]
    [InlineData("init and ephemeral containers merge by name too",
        "{'spec':{'initContainers':[{'name':'i','image':'x'}],'ephemeralContainers':[{'name':'dbg','image':'busybox'}]}}",
        "{'spec':{'initContainers':[{'name':'i','command':['sh']}],'ephemeralContainers':[{'name':'dbg','stdin':true}]}}",
        "{'spec':{'initContainers':[{'name':'i','image':'x','command':['sh']}],'ephemeralContainers':[{'name':'dbg','image':'busybox','stdin':true}]}}")]
    [InlineData("container ports merge by containerPort",
        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP'},{'containerPort':443}]}]}}",
        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':443,'name':'https'},{'containerPort':8080}]}]}}",
        "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP'},{'containerPort':443,'name':'https'},{'containerPort':8080}]}]}}")]
    [InlineData("env merges by name and a null member is removed",
        "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','valueFrom':{'fieldRef':{'fieldPath':'spec.nodeName'}}}]}]}}",
        "{'spec':{'containers':[{'name':'a','env':[{'name':'Y','value':'2','valueFrom':null}]}]}}",
        "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'2'}]}]}}")]
    [InlineData("volume mounts merge by mountPath",
        "{'spec':{'containers':[{'name':'a','volumeMounts':[{'name':'v','mountPath':'/data'}]}]}}",
        "{'spec':{'containers':[{'name':'a','volumeMounts':[{'mountPath':'/data','readOnly':true},{'name':'w','mountPath':'/w'}]}]}}",
        "{'spec':{'containers':[{'name':'a','volumeMounts':[{'name':'v','mountPath':'/data','readOnly':true},{'name':'w','mountPath':'/w'}]}]}}")]
    [InlineData("lists without a strategy are replaced whole",
        "{'spec':{'containers':[{'name':'a','args':['1','2'],'command':['sh']}],'tolerations':[{'key':'k','operator':'Exists'}]}}",
        "{'spec':{'containers':[{'name':'a','args':['3']}],'tolerations':[{'key':'j','operator':'Exists','value':null}]}}",
        "{'spec':{'containers':[{'name':'a','args':['3'],'command':['sh']}],'tolerations':[{'key':'j','operator':'Exists'}]}}")]
    [InlineData("an empty patch list leaves a merged list alone",
        "{'spec':{'containers':[{'name':'a'}]}}",
        "{'spec':{'containers':[]}}",
        "{'spec':{'containers':[{'name':'a'}]}}")]
    [InlineData("a merged list the original lacks is taken from the patch",
        "{'spec':{}}",
        "{'spec':{'imagePullSecrets':[{'name':'reg'},{'$patch':'delete','name':'old'}]}}",
        "{'spec':{'imagePullSecrets':[{'name':'reg'}]}}")]
    [InlineData("$patch delete removes every element with that key",
        "{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'a','image':'dup'}]}}",
        "{'spec':{'containers':[{'$patch':'delete','name':'a'}]}}",
        "{'spec':{'containers':[{'name':'b'}]}}")]
    [InlineData("$patch delete of an absent element changes nothing",
        "{'spec':{'containers':[{'name':'a'}]}}",
        "{'spec':{'containers':[{'$patch':'delete','name':'zz'}]}}",
        "{'spec':{'containers':[{'name':'a'}]}}")]
    [InlineData("$patch replace makes the patch elements the list",
        "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b'}]}}",
        "{'spec':{'containers':[{'name':'b','image':'y','env':[{'name':'E','value':null}]},{'$patch':'replace'},{'$patch':'delete','name':'a'}]}}",
        "{'spec':{'containers':[{'name':'b','image':'y','env':[{'name':'E'}]}]}}")]
    [InlineData("the same key twice in a patch merges twice; an element the original lacks goes first",
        "{'spec':{'containers':[{'name':'a'}]}}",
        "{'spec':{'containers':[{'name':'b','image':'1'},{'name':'b','args':['x']}]}}",
        "{'spec':{'containers':[{'name':'b','image':'1','args':['x']},{'name':'a'}]}}")]
    [InlineData("host aliases merge by ip, topology spread constraints by topologyKey",
        "{'spec':{'hostAliases':[{'ip':'10.0.0.1','hostnames':['a']}],'topologySpreadConstraints':[{'topologyKey':'zone','maxSkew':1}]}}",
        "{'spec':{'hostAliases':[{'ip':'10.0.0.1','hostnames':['b']}],'topologySpreadConstraints':[{'topologyKey':'zone','maxSkew':2}]}}",
        "{'spec':{'hostAliases':[{'ip':'10.0.0.1','hostnames':['b']}],'topologySpreadConstraints':[{'topologyKey':'zone','maxSkew':2}]}}")]
    [InlineData("status conditions merge by type",
        "{'status':{'phase':'Pending','conditions':[{'type':'PodScheduled','status':'True'},{'type':'Ready','status':'False','reason':'x'}]}}",
        "{'status':{'phase':'Running','conditions':[{'type':'Ready','status':'True','reason':null},{'type':'Initialized','status':'True'}]}}",
        "{'status':{'phase':'Running','conditions':[{'type':'PodScheduled','status':'True'},{'type':'Ready','status':'True'},{'type':'Initialized','status':'True'}]}}")]
    [InlineData("pod IPs merge by ip",
        "{'status':{'podIPs':[{'ip':'10.1.0.5'}]}}",
        "{'status':{'podIPs':[{'ip':'fd00::5'}]}}",
        "{'status':{'podIPs':[{'ip':'fd00::5'},{'ip':'10.1.0.5'}]}}")]
    [InlineData("owner references merge by uid",
        "{'metadata':{'ownerReferences':[{'uid':'u1','kind':'ReplicaSet','name':'rs','controller':true}]}}",
        "{'metadata':{'ownerReferences':[{'uid':'u1','blockOwnerDeletion':true},{'uid':'u2','kind':'Node','name':'n'}]}}",
        "{'metadata':{'ownerReferences':[{'uid':'u1','kind':'ReplicaSet','name':'rs','controller':true,'blockOwnerDeletion':true},{'uid':'u2','kind':'Node','name':'n'}]}}")]
    public void Pod_lists_merge(string scenario, string original, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(Json.Parse(original), Json.Parse(patch), typeof(V1Pod));

        Json.Equal(expected, result, scenario);
    }

    [Theory]
    [InlineData("union keeps the original order and appends",
        "['a','b']", "['b','c']", "['a','b','c']")]
    [InlineData("a value the original lacks goes first, as upstream orders it",
        "['a','b']", "['c']", "['c','a','b']")]
    [InlineData("duplicates collapse",
        "['a','a']", "['a','b','b']", "['a','b']")]
    [InlineData("an empty patch list changes nothing",
        "['a']", "[]", "['a']")]
    public void Finalizers_are_a_union_of_scalars(string scenario, string original, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(
            Json.Parse($"{{'metadata':{{'finalizers':{original}}}}}"),
            Json.Parse($"{{'metadata':{{'finalizers':{patch}}}}}"),
            typeof(V1Pod));

        Json.Equal($"{{'metadata':{{'finalizers':{expected}}}}}", result, scenario);
    }

    [Theory]
    [InlineData("removes the listed values",
        "{'metadata':{'finalizers':['a','b','c']}}", "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}",
        "{'metadata':{'finalizers':['a','c']}}")]
    [InlineData("a value the list lacks is not added",
        "{'metadata':{'finalizers':['a']}}", "{'metadata':{'$deleteFromPrimitiveList/finalizers':['z']}}",
        "{'metadata':{'finalizers':['a']}}")]
    [InlineData("a list the original lacks is not created",
        "{'metadata':{'name':'n'}}", "{'metadata':{'$deleteFromPrimitiveList/finalizers':['a']}}",
        "{'metadata':{'name':'n'}}")]
    [InlineData("works with the order list kubectl sends beside it",
        "{'metadata':{'finalizers':['a','b','c']}}", "{'metadata':{'$setElementOrder/finalizers':['c','a'],'$deleteFromPrimitiveList/finalizers':['b']}}",
        "{'metadata':{'finalizers':['c','a']}}")]
    [InlineData("adds and deletes in one patch",
        "{'metadata':{'finalizers':['a','b']}}", "{'metadata':{'$setElementOrder/finalizers':['a','d'],'finalizers':['d'],'$deleteFromPrimitiveList/finalizers':['b']}}",
        "{'metadata':{'finalizers':['a','d']}}")]
    [InlineData("also deletes from a list that is otherwise replaced",
        "{'spec':{'podCIDRs':['10.0.0.0/24','fd00::/64'],'providerID':'p'}}", "{'spec':{'$deleteFromPrimitiveList/podCIDRs':['fd00::/64']}}",
        "{'spec':{'podCIDRs':['10.0.0.0/24'],'providerID':'p'}}")]
    public void DeleteFromPrimitiveList_removes_values(string scenario, string original, string patch, string expected)
    {
        var model = original.Contains("podCIDRs", StringComparison.Ordinal) ? typeof(V1Node) : typeof(V1Pod);

        var result = StrategicMergePatch.Apply(Json.Parse(original), Json.Parse(patch), model);

        Json.Equal(expected, result, scenario);
    }

    [Theory]
    [InlineData("reorders without changing the elements",
        "[{'name':'a'},{'name':'b'},{'name':'c'}]", "'$setElementOrder/containers':[{'name':'c'},{'name':'a'},{'name':'b'}]",
        "[{'name':'c'},{'name':'a'},{'name':'b'}]")]
    [InlineData("server-only elements keep their place after the element they followed",
        "[{'name':'a','image':'x'},{'name':'b'},{'name':'s'},{'name':'c'},{'name':'d'}]",
        "'$setElementOrder/containers':[{'name':'b'},{'name':'a'},{'name':'d'},{'name':'c'}]",
        "[{'name':'b'},{'name':'a','image':'x'},{'name':'s'},{'name':'d'},{'name':'c'}]")]
    [InlineData("server-only elements at the front stay in front",
        "[{'name':'s'},{'name':'a'},{'name':'b'}]", "'$setElementOrder/containers':[{'name':'b'},{'name':'a'}]",
        "[{'name':'s'},{'name':'b'},{'name':'a'}]")]
    [InlineData("orders new and changed elements",
        "[{'name':'a'},{'name':'b'}]",
        "'$setElementOrder/containers':[{'name':'n'},{'name':'b'},{'name':'a'}],'containers':[{'name':'n','image':'new'},{'name':'a','image':'x'}]",
        "[{'name':'n','image':'new'},{'name':'b'},{'name':'a','image':'x'}]")]
    [InlineData("order entries the list lacks are ignored",
        "[{'name':'a'},{'name':'b'}]", "'$setElementOrder/containers':[{'name':'b'},{'name':'ghost'},{'name':'a'}]",
        "[{'name':'b'},{'name':'a'}]")]
    [InlineData("a list the original lacks is taken in order",
        "null", "'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],'containers':[{'name':'b'},{'name':'a'}]",
        "[{'name':'b'},{'name':'a'}]")]
    public void SetElementOrder_orders_a_merged_list(string scenario, string containers, string directives, string expected)
    {
        var original = containers == "null" ? "{'spec':{}}" : $"{{'spec':{{'containers':{containers}}}}}";

        var result = StrategicMergePatch.Apply(Json.Parse(original), Json.Parse($"{{'spec':{{{directives}}}}}"), typeof(V1Pod));

        Json.Equal($"{{'spec':{{'containers':{expected}}}}}", result, scenario);
    }

    [Theory]
    [InlineData("['a','c']", "['c','b','a']", "['c','a']")]
    [InlineData("['a','b','s']", "['b','a']", "['b','a','s']")]
    public void SetElementOrder_orders_a_list_of_scalars(string finalizers, string order, string expected)
    {
        var result = StrategicMergePatch.Apply(
            Json.Parse($"{{'metadata':{{'finalizers':{finalizers}}}}}"),
            Json.Parse($"{{'metadata':{{'$setElementOrder/finalizers':{order}}}}}"),
            typeof(V1Pod));

        Json.Equal($"{{'metadata':{{'finalizers':{expected}}}}}", result);
    }

    [Theory]
    [InlineData(typeof(V1Service), "{'spec':{'ports':[{'name':'http','port':80,'targetPort':8080},{'name':'https','port':443,'targetPort':8443}]}}",
        "{'spec':{'ports':[{'port':443,'targetPort':9443},{'port':8081,'name':'alt'}]}}",
        "{'spec':{'ports':[{'name':'http','port':80,'targetPort':8080},{'name':'https','port':443,'targetPort':9443},{'port':8081,'name':'alt'}]}}")]
    [InlineData(typeof(V1Node), "{'status':{'conditions':[{'type':'Ready','status':'False'}],'addresses':[{'type':'InternalIP','address':'10.0.0.1'}]}}",
        "{'status':{'conditions':[{'type':'Ready','status':'True'}],'addresses':[{'type':'Hostname','address':'n1'}]}}",
        "{'status':{'conditions':[{'type':'Ready','status':'True'}],'addresses':[{'type':'Hostname','address':'n1'},{'type':'InternalIP','address':'10.0.0.1'}]}}")]
    [InlineData(typeof(V1CronJob), "{'spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'job','image':'a'}]}}}}}}",
        "{'spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'job','image':'b'}]}}}}}}",
        "{'spec':{'jobTemplate':{'spec':{'template':{'spec':{'containers':[{'name':'job','image':'b'}]}}}}}}")]
    [InlineData(typeof(V1Deployment), "{'status':{'conditions':[{'type':'Available','status':'True'},{'type':'Progressing','status':'True'}]}}",
        "{'status':{'conditions':[{'type':'Available','status':'False'}]}}",
        "{'status':{'conditions':[{'type':'Available','status':'False'},{'type':'Progressing','status':'True'}]}}")]
    [InlineData(typeof(V1ServiceAccount), "{'secrets':[{'name':'a'}]}", "{'secrets':[{'name':'b'}]}", "{'secrets':[{'name':'b'},{'name':'a'}]}")]
    [InlineData(typeof(V1ConfigMap), "{'data':{'k':'v'}}", "{'data':{'k2':'v2'}}", "{'data':{'k':'v','k2':'v2'}}")]
    public void Merge_keys_follow_the_model_of_each_kind(Type model, string original, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(Json.Parse(original), Json.Parse(patch), model);

        Json.Equal(expected, result, model.Name);
    }
}
