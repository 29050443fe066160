namespace Alerts.Server.Outbox;

/// <summary>A feature's outlets, known once its options are read (one per configured webhook, say).</summary>
internal interface IOutletSet
{
    IReadOnlyList<IOutlet> Outlets { get; }
}
