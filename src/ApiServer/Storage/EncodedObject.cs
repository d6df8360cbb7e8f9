namespace Orchestrator.ApiServer.Storage;

/// <summary>
/// A store value (<see cref="StoredObject.Encode"/>) and the offset of the brace that closes its
/// <c>metadata</c> object, so the answer to a create is the same bytes with the resourceVersion put in
/// (<see cref="ResponseJson.WriteWithResourceVersion"/>) instead of a second serialization of the object.
/// </summary>
internal readonly record struct EncodedObject(byte[] Value, int MetadataEnd, bool MetadataEmpty);
