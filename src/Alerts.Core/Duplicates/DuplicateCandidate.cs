namespace Alerts.Core.Duplicates;

/// <summary>A line already in the window (published, pending or scheduled), fingerprinted.</summary>
/// <param name="Id">The alert's id.</param>
/// <param name="Fingerprint">Its headline's fingerprint.</param>
public sealed record DuplicateCandidate(string Id, HeadlineFingerprint Fingerprint);
