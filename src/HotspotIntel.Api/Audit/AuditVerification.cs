namespace HotspotIntel.Api.Audit;

/// <summary>What <see cref="AuditVerifier"/> found.</summary>
/// <param name="Intact">True when nothing is wrong: the chain holds, every seal matches, every checkpoint matches the log.</param>
/// <param name="EntriesChecked">Entries whose hash and link to the entry before were checked (up to the first broken one).</param>
/// <param name="FirstBrokenId">The lowest entry found edited, unlike its seal or checkpoint, or after a deleted one; null when none (a deleted tail shows in <paramref name="Problems"/>).</param>
/// <param name="EntriesSealed">Entries whose seal was checked.</param>
/// <param name="EntriesNotYetSealed">The newest entries, written since the last sealing run.</param>
/// <param name="CheckpointsChecked">Signed checkpoints read from the checkpoint directory.</param>
/// <param name="LatestCheckpointEntryId">The newest entry a checkpoint names.</param>
/// <param name="Problems">What is wrong, in words, for whoever investigates.</param>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBrokenId, long EntriesSealed, long EntriesNotYetSealed,
    int CheckpointsChecked, long? LatestCheckpointEntryId, IReadOnlyList<string> Problems)
{
    /// <summary>The verification as the <c>verify-audit</c> command prints it.</summary>
    public string Describe() => Intact
        ? $"Audit log intact: {EntriesChecked} entries checked, {EntriesSealed} seals matched ({EntriesNotYetSealed} entries not yet sealed), "
          + $"{CheckpointsChecked} checkpoints matched."
        : $"Audit log BROKEN{(FirstBrokenId is { } id ? $" at entry {id}" : "")}:{Environment.NewLine}"
          + string.Join(Environment.NewLine, Problems.Select(problem => "  " + problem));
}
