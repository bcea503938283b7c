using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Data;

/// <summary>
/// A streaming replica of the database (<c>ConnectionStrings:HotspotIntelReplica</c>) for the reads that dominate a busy
/// region: tiles, hotspots, premises and vehicle checks. It is a physical copy, so the same roles, row-level security and
/// masking answer there. A read goes to it only when it has replayed the reader's own last write (their write fence,
/// migrations/0026), so a user never reads older data than they wrote; it falls back to the primary for a while after
/// the replica fails to answer, or if it stops being a replica (promoted, or the primary by mistake).
/// </summary>
public sealed class ReadReplica(NpgsqlDataSource dataSource, TimeProvider time) : IAsyncDisposable
{
    /// <summary>How long the replay position seen last may stand in for the replica's answer when no fence is ahead of it.</summary>
    private static readonly TimeSpan PositionTrustedFor = TimeSpan.FromSeconds(1);

    /// <summary>How long reads stay on the primary after the replica failed to answer.</summary>
    private static readonly TimeSpan PrimaryAfterFailure = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _asking = new(1, 1);
    private ulong _replayed;
    private DateTimeOffset _replayedSeenAt = DateTimeOffset.MinValue;
    private DateTimeOffset _unavailableUntil = DateTimeOffset.MinValue;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Whether the replica answers and has replayed the primary up to <paramref name="fence"/> (null: no fence).</summary>
    public async Task<bool> HasReplayedAsync(NpgsqlLogSequenceNumber? fence, CancellationToken cancellationToken)
    {
        var wanted = fence is { } position ? (ulong)position : 0;
        if (Fresh(wanted) is { } known)
        {
            return known;
        }

        await _asking.WaitAsync(cancellationToken);
        try
        {
            // Another request may have asked while this one waited.
            return Fresh(wanted) ?? await AskAsync(wanted, cancellationToken);
        }
        finally
        {
            _asking.Release();
        }
    }

    private bool? Fresh(ulong wanted)
    {
        var now = time.GetUtcNow();
        if (now < _unavailableUntil)
        {
            return false;
        }

        return now - _replayedSeenAt < PositionTrustedFor && _replayed >= wanted ? true : null;
    }

    private async Task<bool> AskAsync(ulong wanted, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT pg_last_wal_replay_lsn()");
            command.CommandTimeout = 2;
            if (await command.ExecuteScalarAsync(cancellationToken) is not NpgsqlLogSequenceNumber replayed)
            {
                // Not in recovery: a promoted replica has a history of its own from then on.
                _unavailableUntil = time.GetUtcNow() + PrimaryAfterFailure;
                return false;
            }

            _replayed = (ulong)replayed;
            _replayedSeenAt = time.GetUtcNow();
            return _replayed >= wanted;
        }
        catch (Exception failure) when (failure is NpgsqlException or TimeoutException)
        {
            _unavailableUntil = time.GetUtcNow() + PrimaryAfterFailure;
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        _asking.Dispose();
    }
}
