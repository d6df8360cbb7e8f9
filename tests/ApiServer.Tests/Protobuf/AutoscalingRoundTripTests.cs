using Orchestrator.ApiServer.Protobuf.Messages.Autoscaling;
using Orchestrator.ApiServer.Protobuf.Messages.Meta;

namespace Orchestrator.ApiServer.Tests.Protobuf;

/// <summary>autoscaling/v1 HorizontalPodAutoscaler protobuf bodies (as `kubectl autoscale` 1.33 sends them) decode to upstream's JSON.</summary>
public sealed class AutoscalingRoundTripTests
{
    [Fact]
    public void A_kubectl_autoscale_body_decodes_with_the_always_written_replica_counts()
    {
        var hpa = new HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Name = "x" },
            Spec = new HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new CrossVersionObjectReference { Kind = "Deployment", Name = "x", ApiVersion = "apps/v1" },
                MinReplicas = 1,
                MaxReplicas = 3,
                TargetCPUUtilizationPercentage = 50,
            },
            Status = new HorizontalPodAutoscalerStatus(),
        };

        ProtobufAssert.Decodes("autoscaling/v1", "HorizontalPodAutoscaler", hpa,
            """{"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v1","metadata":{"name":"x"},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"x","apiVersion":"apps/v1"},"minReplicas":1,"maxReplicas":3,"targetCPUUtilizationPercentage":50},"status":{"currentReplicas":0,"desiredReplicas":0}}""");
    }

    [Fact]
    public void A_status_with_a_zero_cpu_percentage_keeps_it_because_the_field_is_a_pointer()
    {
        var hpa = new HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Name = "y" },
            Spec = new HorizontalPodAutoscalerSpec { ScaleTargetRef = new CrossVersionObjectReference { Kind = "Deployment", Name = "y" }, MaxReplicas = 2 },
            Status = new HorizontalPodAutoscalerStatus { ObservedGeneration = 3, CurrentReplicas = 2, DesiredReplicas = 2, CurrentCPUUtilizationPercentage = 0 },
        };

        ProtobufAssert.Decodes("autoscaling/v1", "HorizontalPodAutoscaler", hpa,
            """{"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v1","metadata":{"name":"y"},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"y"},"maxReplicas":2},"status":{"observedGeneration":3,"currentReplicas":2,"desiredReplicas":2,"currentCPUUtilizationPercentage":0}}""");
    }
}
