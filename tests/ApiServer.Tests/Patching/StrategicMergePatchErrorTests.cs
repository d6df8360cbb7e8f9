using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.ApiServer.Patching;

namespace Orchestrator.ApiServer.Tests.Patching;

/// <summary>Malformed strategic merge patches: upstream's wording, 400 or 422 as kube-apiserver classifies them.</summary>
public sealed class StrategicMergePatchErrorTests
{
    [Theory]
    [InlineData("{'metadata':{'labels':{'$patch':'merge'}}}", "unknown patch type: merge in map: {\"$patch\":\"merge\"}")]
    [InlineData("{'metadata':{'labels':{'$patch':7}}}", "unknown patch type: 7 in map: {\"$patch\":7}")]
    [InlineData("{'spec':{'containers':[{'$patch':'merge','name':'a'}]}}", "merging lists cannot yet be specified in the patch")]
    [InlineData("{'spec':{'containers':[{'$patch':'bogus','name':'a'}]}}", "unknown patch type: bogus in map: {\"$patch\":\"bogus\",\"name\":\"a\"}")]
    [InlineData("{'spec':{'containers':[{'image':'x'}]}}", "map: {\"image\":\"x\"} does not contain declared merge key: name")]
    [InlineData("{'spec':{'containers':[{'$patch':'delete','image':'x'}]}}", "map: {\"$patch\":\"delete\",\"image\":\"x\"} does not contain declared merge key: name")]
    [InlineData("{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],'containers':[{'name':'b'},{'name':'a'}]}}", "doesn't match $setElementOrder list")]
    [InlineData("{'spec':{'$setElementOrder/containers':{'name':'a'}}}", "invalid patch format of setElementOrder list")]
    [InlineData("{'spec':{'$setElementOrder':[{'name':'a'}]}}", "invalid patch format of setElementOrder list")]
    [InlineData("{'spec':{'$setElementOrderX/containers':[{'name':'a'}]}}", "invalid patch format of setElementOrder list")]
    [InlineData("{'spec':{'strategy':{'$retainKeys':'type'}}}", "invalid patch format of retainKeys")]
    [InlineData("{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate','rollingUpdate':{}}}}", "invalid patch format of retainKeys")]
    [InlineData("{'metadata':{'$deleteFromPrimitiveList':['a']}}", "invalid patch format of primitive list")]
    [InlineData("{'metadata':{'$deleteFromPrimitiveList/finalizers':'a'}}", "invalid patch format of primitive list")]
    [InlineData("{'spec':{'template':{'spec':{'containers':[{'name':'a'}],'$deleteFromPrimitiveList/containers':[{'name':'a'}]}}}}", "invalid patch format of primitive list")]
    [InlineData("{'metadata':{'finalizers':['a',1]}}", "list element types are not identical")]
    [InlineData("{'spec':{'$odd':1}}", "unknown strategic merge patch directive \"$odd\" in V1DeploymentSpec")]
    [InlineData("{'spec':{'template':{'spec':{'containers':[{'name':'new','$odd':1}]}}}}", "unknown strategic merge patch directive \"$odd\" in V1Container")]
    public void Malformed_patches_are_bad_requests(string patch, string message)
    {
        var original = "{'metadata':{'finalizers':['x'],'labels':{'a':'b'}},'spec':{'containers':[{'name':'a'}],'strategy':{'type':'RollingUpdate'},'template':{'spec':{'containers':[{'name':'a'}]}}}}";
        var model = patch.Contains("'strategy'", StringComparison.Ordinal) || patch.Contains("'template'", StringComparison.Ordinal) || patch.Contains("$odd':1}}", StringComparison.Ordinal)
            ? typeof(V1Deployment)
            : typeof(V1Pod);

        var error = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(Json.Parse(original), Json.Parse(patch), model));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(error.IsInvalid);
        Assert.Equal(error.Message, error.StatusMessage);
    }

    [Fact]
    public void A_merged_list_of_lists_is_invalid()
    {
        var error = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(
            Json.Parse("{'metadata':{'finalizers':[['a']]}}"), Json.Parse("{'metadata':{'finalizers':[['b']]}}"), typeof(V1Pod)));

        Assert.Equal("lists of lists are not supported", error.Message);
        Assert.True(error.IsInvalid);
        Assert.Equal(PatchException.GenericInvalidMessage, error.StatusMessage);
    }

    [Theory]
    [InlineData("[]", "{}")]
    [InlineData("{}", "[]")]
    [InlineData("{}", "\"text\"")]
    public void Documents_that_are_not_objects_are_refused(string original, string patch)
    {
        var error = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(JsonNode.Parse(original)!, JsonNode.Parse(patch)!, typeof(V1Pod)));

        Assert.Equal("invalid JSON document", error.Message);
        Assert.False(error.IsInvalid);
    }

    [Fact]
    public void A_failed_patch_leaves_its_inputs_alone()
    {
        var original = Json.Parse("{'spec':{'containers':[{'name':'a','image':'x'}]}}");
        var patch = Json.Parse("{'spec':{'containers':[{'name':'a','image':'y'},{'image':'no-name'}]}}");
        var originalText = original.ToJsonString();
        var patchText = patch.ToJsonString();

        Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(original, patch, typeof(V1Pod)));

        Assert.Equal(originalText, original.ToJsonString());
        Assert.Equal(patchText, patch.ToJsonString());
    }
}
