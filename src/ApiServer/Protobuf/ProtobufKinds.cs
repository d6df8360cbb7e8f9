using Google.Protobuf.Reflection;
using Orchestrator.ApiServer.Protobuf.Messages.Apps;
using Orchestrator.ApiServer.Protobuf.Messages.Authentication;
using Orchestrator.ApiServer.Protobuf.Messages.Authorization;
using Orchestrator.ApiServer.Protobuf.Messages.Autoscaling;
using Orchestrator.ApiServer.Protobuf.Messages.Batch;
using Orchestrator.ApiServer.Protobuf.Messages.Core;
using Orchestrator.ApiServer.Protobuf.Messages.Meta;
using Orchestrator.ApiServer.Protobuf.Messages.Networking;
using Orchestrator.ApiServer.Protobuf.Messages.Policy;
using Orchestrator.ApiServer.Protobuf.Messages.Rbac;
using Orchestrator.ApiServer.Protobuf.Messages.Scheduling;

namespace Orchestrator.ApiServer.Protobuf;

/// <summary>The kinds whose protobuf bodies this server decodes, by the envelope's apiVersion and kind.</summary>
internal static class ProtobufKinds
{
    public const string DeleteOptions = "DeleteOptions";

    private static readonly FrozenDictionary<(string ApiVersion, string Kind), MessageDescriptor> Objects =
        new Dictionary<(string, string), MessageDescriptor>
        {
            [("v1", "Namespace")] = Namespace.Descriptor,
            [("v1", "ConfigMap")] = ConfigMap.Descriptor,
            [("v1", "Secret")] = Secret.Descriptor,
            [("v1", "Service")] = Service.Descriptor,
            [("v1", "ServiceAccount")] = ServiceAccount.Descriptor,
            [("v1", "ResourceQuota")] = ResourceQuota.Descriptor,
            [("v1", "Pod")] = Pod.Descriptor,
            [("apps/v1", "Deployment")] = Deployment.Descriptor,
            [("batch/v1", "Job")] = Job.Descriptor,
            [("batch/v1", "CronJob")] = CronJob.Descriptor,
            [("autoscaling/v1", "HorizontalPodAutoscaler")] = HorizontalPodAutoscaler.Descriptor,
            [("policy/v1", "PodDisruptionBudget")] = PodDisruptionBudget.Descriptor,
            [("networking.k8s.io/v1", "Ingress")] = Ingress.Descriptor,
            [("scheduling.k8s.io/v1", "PriorityClass")] = PriorityClass.Descriptor,
            [("authentication.k8s.io/v1", "TokenRequest")] = TokenRequest.Descriptor,
            [("authentication.k8s.io/v1", "TokenReview")] = TokenReview.Descriptor,
            [("authentication.k8s.io/v1", "SelfSubjectReview")] = SelfSubjectReview.Descriptor,
            [("authentication.k8s.io/v1beta1", "SelfSubjectReview")] = SelfSubjectReview.Descriptor,
            [("rbac.authorization.k8s.io/v1", "Role")] = Role.Descriptor,
            [("rbac.authorization.k8s.io/v1", "ClusterRole")] = ClusterRole.Descriptor,
            [("rbac.authorization.k8s.io/v1", "RoleBinding")] = RoleBinding.Descriptor,
            [("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")] = ClusterRoleBinding.Descriptor,
            [("authorization.k8s.io/v1", "SelfSubjectAccessReview")] = SelfSubjectAccessReview.Descriptor,
            [("authorization.k8s.io/v1", "SelfSubjectRulesReview")] = SelfSubjectRulesReview.Descriptor,
        }.ToFrozenDictionary();

    /// <summary>The message for (apiVersion, kind), or null when this server cannot decode it.</summary>
    public static MessageDescriptor? Find(string apiVersion, string kind) =>
        kind == DeleteOptions
            ? IsDeleteOptionsVersion(apiVersion) ? Messages.Meta.DeleteOptions.Descriptor : null
            : Objects.GetValueOrDefault((apiVersion, kind));

    /// <summary>
    /// DeleteOptions is registered in every group version (a typed client for apps/v1 sends
    /// "apps/v1"), and in meta.k8s.io/v1; all of them are the one v1 message.
    /// </summary>
    private static bool IsDeleteOptionsVersion(string apiVersion) => apiVersion == "v1" || apiVersion.EndsWith("/v1", StringComparison.Ordinal);
}
