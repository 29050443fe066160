namespace Alerts.Server.Hosting;

/// <summary>A write reached the primary but not the number of replicas <c>Alerts:Redis:WaitReplicas</c> asks for.</summary>
internal sealed class ReplicasNotReachedException(int wanted, long reached)
    : Exception($"The write is on the primary but only {reached} of {wanted} replicas confirmed it in time. Retry with the same Idempotency-Key.");
