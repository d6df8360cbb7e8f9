namespace Orchestrator.ApiServer.Patching;

/// <summary>
/// A patch that cannot be applied. <see cref="IsInvalid"/> picks the answer the way kube-apiserver does
/// (handlers/patch.go): false for a malformed patch (400 BadRequest), true when a well-formed patch does not
/// apply to the object, e.g. a failed JSON Patch <c>test</c> or a missing <c>replace</c> target (422 Invalid).
/// </summary>
internal sealed class PatchException(string message, bool isInvalid) : Exception(message)
{
    /// <summary>
    /// The Status message kube-apiserver sends for 422 patch errors: it answers them with
    /// <c>NewGenericServerResponse(422, …)</c>, which drops the detail and keeps only this sentence.
    /// </summary>
    public const string GenericInvalidMessage = "the server rejected our request due to an error in our request";

    /// <summary>True: 422 Invalid. False: 400 BadRequest.</summary>
    public bool IsInvalid { get; } = isInvalid;

    /// <summary>
    /// The message upstream puts in the Status: the detail for 400, the generic sentence for 422
    /// (<see cref="Exception.Message"/> keeps the detail for logs either way).
    /// </summary>
    public string StatusMessage => IsInvalid ? GenericInvalidMessage : Message;

    public static PatchException BadRequest(string message) => new(message, isInvalid: false);

    public static PatchException Invalid(string message) => new(message, isInvalid: true);
}
