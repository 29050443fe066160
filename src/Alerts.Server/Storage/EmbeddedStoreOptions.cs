using System.ComponentModel.DataAnnotations;

namespace Alerts.Server.Storage;

/// <summary>
/// The <c>Alerts:Embedded</c> section: when the embedded Garnet checkpoints, and how many device
/// registrations it accepts. A checkpoint writes the
/// live data once and lets Garnet drop the append-only file behind it, so the data directory follows
/// what is live instead of everything ever written, and a restart replays only the file's tail.
/// </summary>
internal sealed class EmbeddedStoreOptions
{
    public const string SectionName = "Alerts:Embedded";

    /// <summary>
    /// Time between checkpoints. An idle node still writes (webhook cursors, leases, the sweep: ~24 KB
    /// a minute measured), which an hour keeps under 2 MB; each checkpoint writes all live data (at a
    /// year's size ~0.4 GB), so much more often would wear a disk for little.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A checkpoint is also taken when the append-only file has grown by this much since the last one,
    /// so a burst (a busy news day, a wave of registrations) cannot outgrow the disk between two ticks.
    /// Garnet rounds it down to a power of two.
    /// </summary>
    [Range(1L << 20, 1L << 40)]
    public long CheckpointAofBytes { get; set; } = 64L << 20;

    /// <summary>
    /// The most device registrations, phones and browsers together, the embedded store accepts; past it a new
    /// one is refused (<see cref="Push.Targets.RegistrationCap"/>). Garnet 2.2.12 can write a checkpoint of
    /// ~370,000 registrations (~130 MB of hashes) that it then cannot read, and the node refuses to start on it;
    /// 300,000 (104 MB) recovered in every run (docs/benchmarks.md). Redis has no such cap.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxRegistrations { get; set; } = 300_000;
}
