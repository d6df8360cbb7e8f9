namespace Orchestrator.ApiServer.Tables;

/// <summary>The columns many kinds share, with the same wording everywhere.</summary>
internal static class CommonColumns
{
    public static readonly TableColumn Name = new(
        "Name", "string", "Name must be unique within a namespace. It is the object's identifier in URLs and cannot be changed.", Format: "name");

    public static readonly TableColumn Age = new(
        "Age", "string", "Time since the object was created (metadata.creationTimestamp), set by the server.");

    public static readonly TableColumn Containers = new(
        "Containers", "string", "Names of each container in the template.", Priority: 1);

    public static readonly TableColumn Images = new(
        "Images", "string", "Images referenced by each container in the template.", Priority: 1);

    public static TableColumn Selector(string description) => new("Selector", "string", description, Priority: 1);
}
