using k8s.Models;
using Orchestrator.ApiServer.OpenApi.Schemas;

namespace Orchestrator.ApiServer.Tests.OpenApi;

public sealed class ModelDocumentationTests
{
    [Fact]
    public void Wrapped_lines_are_joined_and_paragraphs_and_list_items_kept()
    {
        const string summary = """

                        StatefulSet represents a set of pods with consistent identities. Identities are
                        defined as:
                        - Network: A single stable DNS and hostname.
                        - Storage: As many VolumeClaims as requested.

                        The StatefulSet guarantees that a given network identity will always map to the
                        same storage identity.

            """;

        Assert.Equal(
            "StatefulSet represents a set of pods with consistent identities. Identities are defined as:\n" +
            "- Network: A single stable DNS and hostname.\n- Storage: As many VolumeClaims as requested.\n\n" +
            "The StatefulSet guarantees that a given network identity will always map to the same storage identity.",
            ModelDocumentation.Normalize(summary));
    }

    [Fact]
    public void Descriptions_come_from_the_shipped_xml()
    {
        var docs = ModelDocumentation.Load();
        var strategy = ModelTypes.PropertiesOf(typeof(V1DeploymentSpec)).Single(p => p.JsonName == "strategy");

        Assert.Equal("DeploymentSpec is the specification of the desired behavior of the Deployment.", docs.OfType(typeof(V1DeploymentSpec)));
        Assert.Equal("The deployment strategy to use to replace existing pods with new ones.", docs.OfProperty(strategy));
    }
}
