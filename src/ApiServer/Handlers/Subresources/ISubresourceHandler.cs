namespace Orchestrator.ApiServer.Handlers.Subresources;

/// <summary>
/// A subresource with its own handler, found by the name it is registered under
/// (<see cref="Registry.SubresourceDefinition.Name"/>). <see cref="ResourceHandler"/> calls it only
/// for resources that register the subresource, with the object's name set.
/// </summary>
internal interface ISubresourceHandler
{
    /// <summary>The subresource's path segment, e.g. <c>scale</c>.</summary>
    string Name { get; }

    /// <summary>Serves one request; 405 for a method the subresource does not serve.</summary>
    Task HandleAsync(HttpContext context, ResourceRequest request);
}
