namespace Orchestrator.ApiServer.Authorization.Node;

/// <summary>
/// Which node a user is (upstream's nodeidentifier.NewDefaultNodeIdentifier): a user named
/// <c>system:node:&lt;name&gt;</c> in the <c>system:nodes</c> group. Anyone else is not a node; a node
/// user with nothing after the prefix is a node whose name is unknown (empty).
/// </summary>
internal static class NodeIdentity
{
    public const string UserPrefix = "system:node:";

    /// <summary>Whether <paramref name="user"/> is a node, and its name (empty when it cannot be told).</summary>
    public static (bool IsNode, string Name) Of(UserInfo user)
    {
        if (!user.Name.StartsWith(UserPrefix, StringComparison.Ordinal) || !user.Groups.Contains(UserInfo.NodesGroup))
        {
            return (false, "");
        }

        return (true, user.Name[UserPrefix.Length..]);
    }
}
