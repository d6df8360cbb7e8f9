namespace Orchestrator.ApiMachinery.Images;

/// <summary>A user name and password for one registry key of a docker config (<c>auths</c> entry).</summary>
/// <param name="Key">The entry's key normalised to <c>host[:port][/path]</c> (Docker Hub's spellings become <c>docker.io</c>).</param>
public sealed record DockerCredential(string Key, string Username, string Password);
