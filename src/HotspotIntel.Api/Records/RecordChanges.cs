namespace HotspotIntel.Api.Records;

/// <summary>
/// Something that follows saved changes to records, registered in DI by the feature it belongs to (the hotspot runs
/// follow reports). Generic code raises changes without knowing who follows them, so it depends on no feature.
/// </summary>
public interface IRecordChangeFollower
{
    /// <summary>
    /// Called once records of <paramref name="recordType"/> were created, changed or deleted and the change committed
    /// (never for a refusal or a replayed answer). What it does is its own business: it must not make the caller fail.
    /// </summary>
    Task RecordsChangedAsync(Type recordType, CancellationToken cancellationToken);
}

/// <summary>
/// Raises a committed change to every <see cref="IRecordChangeFollower"/>: the record endpoints do after each create,
/// change and delete, the importer after each import. Where nothing is registered (the <c>import</c> verb) nobody hears.
/// </summary>
public sealed class RecordChanges(IEnumerable<IRecordChangeFollower> followers)
{
    public async Task CommittedAsync<TRecord>(CancellationToken cancellationToken)
    {
        foreach (var follower in followers)
        {
            await follower.RecordsChangedAsync(typeof(TRecord), cancellationToken);
        }
    }
}
