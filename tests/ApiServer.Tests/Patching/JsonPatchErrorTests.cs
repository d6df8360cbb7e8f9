using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Patching;

namespace Orchestrator.ApiServer.Tests.Patching;

/// <summary>
/// Failing JSON patches: evanphx/json-patch's wording; operations that do not apply are 422 Invalid
/// (kube-apiserver's applyJSPatch), undecodable patches 400.
/// </summary>
public sealed class JsonPatchErrorTests
{
    private const string Document = "{'metadata':{'name':'web','labels':{'app':'web'}},'spec':{'list':['a','b']},'text':'t'}";

    [Theory]
    [InlineData("[{'op':'test','path':'/metadata/name','value':'other'}]", "testing value /metadata/name failed: test failed")]
    [InlineData("[{'op':'test','path':'/spec/list/0','value':'b'}]", "testing value /spec/list/0 failed: test failed")]
    [InlineData("[{'op':'test','path':'/metadata/missing','value':null}]", "testing value /metadata/missing failed: test failed")]
    [InlineData("[{'op':'test','path':'/metadata/name'}]", "testing value /metadata/name failed: test failed")]
    [InlineData("[{'op':'test','path':'','value':{}}]", "testing value  failed: test failed")]
    [InlineData("[{'op':'test','path':'/nope/x','value':1}]", "test operation does not apply: is missing path: /nope/x: missing value")]
    [InlineData("[{'op':'test','path':'/spec/list/9','value':1}]", "error in test for path: '/spec/list/9': Unable to access invalid index: 9: invalid index referenced")]
    [InlineData("[{'op':'replace','path':'/metadata/annotations','value':{}}]", "replace operation does not apply: doc is missing key: /metadata/annotations: missing value")]
    [InlineData("[{'op':'replace','path':'/status/phase','value':'x'}]", "replace operation does not apply: doc is missing path: /status/phase: missing value")]
    [InlineData("[{'op':'replace','path':'/spec/list/2','value':'x'}]", "replace operation does not apply: doc is missing key: /spec/list/2: missing value")]
    [InlineData("[{'op':'replace','path':'/spec/list/-','value':'x'}]", "replace operation does not apply: doc is missing key: /spec/list/-: missing value")]
    [InlineData("[{'op':'replace','path':'','value':1}]", "replace operation value must be object or array")]
    [InlineData("[{'op':'replace','path':'/text'}]", "replace operation, missing value field: missing value")]
    [InlineData("[{'op':'remove','path':'/metadata/annotations'}]", "error in remove for path: '/metadata/annotations': Unable to remove nonexistent key: annotations: missing value")]
    [InlineData("[{'op':'remove','path':'/status/phase'}]", "remove operation does not apply: doc is missing path: \"/status/phase\": missing value")]
    [InlineData("[{'op':'remove','path':'/spec/list/2'}]", "error in remove for path: '/spec/list/2': Unable to access invalid index: 2: invalid index referenced")]
    [InlineData("[{'op':'remove','path':'/spec/list/-3'}]", "error in remove for path: '/spec/list/-3': Unable to access invalid index: -3: invalid index referenced")]
    [InlineData("[{'op':'remove','path':'/spec/list/x'}]", "error in remove for path: '/spec/list/x': strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("[{'op':'remove','path':''}]", "remove operation does not apply: doc is missing path: \"\": missing value")]
    [InlineData("[{'op':'remove'}]", "remove operation failed to decode path: missing value")]
    [InlineData("[{'op':'add','path':'/a/b','value':1}]", "add operation does not apply: doc is missing path: \"/a/b\": missing value")]
    [InlineData("[{'op':'add','path':'/text/b','value':1}]", "add operation does not apply: doc is missing path: \"/text/b\": missing value")]
    [InlineData("[{'op':'add','path':'no-slash','value':1}]", "add operation does not apply: doc is missing path: \"no-slash\": missing value")]
    [InlineData("[{'op':'add','path':'/spec/list/3','value':1}]", "error in add for path: '/spec/list/3': Unable to access invalid index: 3: invalid index referenced")]
    [InlineData("[{'op':'add','path':'/spec/list/01x','value':1}]", "error in add for path: '/spec/list/01x': value was not a proper array index: '01x': strconv.Atoi: parsing \"01x\": invalid syntax")]
    [InlineData("[{'op':'add','path':'/spec/list/99999999999999999999','value':1}]", "value was not a proper array index: '99999999999999999999': strconv.Atoi: parsing \"99999999999999999999\": value out of range")]
    [InlineData("[{'op':'add','value':1}]", "add operation failed to decode path: missing value")]
    [InlineData("[{'op':'add','path':'/x'}]", "add operation, missing value field: missing value")]
    [InlineData("[{'op':'add','path':7,'value':1}]", "json: cannot unmarshal number into Go value of type string")]
    [InlineData("[{'op':'move','from':'/nope/a','path':'/b'}]", "move operation does not apply: doc is missing from path: /nope/a: missing value")]
    [InlineData("[{'op':'move','from':'/metadata/nope','path':'/b'}]", "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value")]
    [InlineData("[{'op':'move','from':'/spec/list/5','path':'/b'}]", "error in move for path: '5': Unable to access invalid index: 5: invalid index referenced")]
    [InlineData("[{'op':'move','from':'/metadata','path':'/metadata/child'}]", "move operation does not apply: doc is missing destination path: /metadata/child: missing value")]
    [InlineData("[{'op':'move','path':'/b'}]", "move operation failed to decode from: operation, missing from field: missing value")]
    [InlineData("[{'op':'copy','from':'/metadata/nope','path':'/b'}]", "copy operation does not apply: doc is missing from path: /metadata/nope: missing value")]
    [InlineData("[{'op':'copy','from':'/text','path':'/x/y'}]", "copy operation does not apply: doc is missing destination path: /x/y: missing value")]
    [InlineData("[{'op':'copy','from':'/text','path':'/spec/list/7'}]", "error while adding value during copy: Unable to access invalid index: 7: invalid index referenced")]
    [InlineData("[{'op':'copy','from':'/spec/list/7','path':'/b'}]", "error in copy for from: '/spec/list/7': Unable to access invalid index: 7: invalid index referenced")]
    [InlineData("[{'op':'frobnicate','path':'/a'}]", "Unexpected kind: frobnicate")]
    [InlineData("[{'path':'/a'}]", "Unexpected kind: unknown")]
    [InlineData("[null]", "Unexpected kind: unknown")]
    public void Operations_that_do_not_apply_are_invalid(string patch, string message)
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(Json.Parse(Document), Json.Parse(patch)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(error.IsInvalid);
        Assert.Equal("the server rejected our request due to an error in our request", error.StatusMessage);
    }

    [Fact]
    public void A_failure_part_way_leaves_the_document_alone()
    {
        var document = Json.Parse(Document);

        Assert.Throws<PatchException>(() => JsonPatch.Apply(document, Json.Parse("[{'op':'add','path':'/new','value':1},{'op':'test','path':'/new','value':2}]")));

        Json.Equal(Document, document);
    }

    [Theory]
    [InlineData("{'op':'add','path':'/a','value':1}", "json: cannot unmarshal object into Go value of type jsonpatch.Patch")]
    [InlineData("'add'", "json: cannot unmarshal string into Go value of type jsonpatch.Patch")]
    [InlineData("null", "json: cannot unmarshal null into Go value of type jsonpatch.Patch")]
    [InlineData("['add']", "json: cannot unmarshal string into Go value of type jsonpatch.Operation")]
    [InlineData("[[1]]", "json: cannot unmarshal array into Go value of type jsonpatch.Operation")]
    public void Undecodable_patches_are_bad_requests(string patch, string message)
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(Json.Parse(Document), JsonNode.Parse(patch.Replace('\'', '"'))));

        Assert.Equal(message, error.Message);
        Assert.False(error.IsInvalid);
    }
}
