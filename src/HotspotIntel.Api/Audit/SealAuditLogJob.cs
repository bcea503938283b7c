using Hangfire;
using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HotspotIntel.Api.Audit;

/// <summary>
/// Seals the audit entries written since the last run (<see cref="AuditSeal"/>) into <c>audit_seals</c>, then appends a
/// signed <see cref="AuditCheckpoint"/> of the latest one to a file outside the database. Runs every minute by default
/// (<see cref="AuditSealingOptions.SealingCron"/>), on the jobs' login, the only one that may write seals.
/// </summary>
/// <remarks>
/// Safe on several servers: each batch is sealed in one transaction that first takes <c>pg_try_advisory_xact_lock</c>
/// on <see cref="LockKey"/>; a server that cannot leaves the batch to the one that holds it. Entries always appear in
/// id order, since <c>append_audit</c> chains them under a lock held until their transaction commits, so the entries
/// after the last seal are exactly the ones to seal. The checkpoint is written after the seals commit, so it never names
/// a seal the database does not have.
/// </remarks>
public sealed class SealAuditLogJob(SystemDatabase database, AuditCheckpoints checkpoints, IOptions<AuditSealingOptions> options, TimeProvider time)
{
    public const string Id = "seal-audit-log";

    /// <summary>The advisory lock a sealing transaction holds: "AuditSeal" in ASCII.</summary>
    public const long LockKey = 0x41756469745365;

    /// <summary>Entries sealed per transaction, so a first run over years of entries neither holds a lock nor memory for long.</summary>
    public const int BatchSize = 20_000;

    /// <summary>Seals every entry not sealed yet; returns how many this run sealed.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var key = options.Value.Key();
        long sealedEntries = 0;
        while (await SealBatchAsync(key, cancellationToken) is { } batch)
        {
            await checkpoints.AppendAsync(batch.Checkpoint, cancellationToken);
            sealedEntries += batch.Entries;
            if (batch.Entries < BatchSize)
            {
                break;
            }
        }

        return sealedEntries;
    }

    /// <summary>Seals up to <see cref="BatchSize"/> entries; null when there are none, or another server is sealing.</summary>
    private async Task<(int Entries, AuditCheckpoint Checkpoint)?> SealBatchAsync(byte[] key, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return null;
        }

        var last = await db.AuditSeals.OrderByDescending(s => s.AuditId).Select(s => new { s.AuditId, s.Seal }).FirstOrDefaultAsync(cancellationToken);
        var ids = new List<long>(BatchSize);
        var seals = new List<byte[]>(BatchSize);
        var previousSeal = last?.Seal ?? [];
        byte[] latestHash = [];
        await using (var read = new NpgsqlCommand("SELECT id, hash FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2", connection)
        {
            Parameters = { new() { Value = last?.AuditId ?? long.MinValue }, new() { Value = BatchSize } },
        })
        await using (var entries = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await entries.ReadAsync(cancellationToken))
            {
                var id = entries.GetInt64(0);
                latestHash = entries.GetFieldValue<byte[]>(1);
                previousSeal = AuditSeal.Of(key, previousSeal, id, latestHash);
                ids.Add(id);
                seals.Add(previousSeal);
            }
        }

        if (ids.Count == 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO audit_seals (audit_id, seal, sealed_at) SELECT id, seal, $3 FROM unnest($1::bigint[], $2::bytea[]) AS s (id, seal)", connection)
        {
            Parameters = { new() { Value = ids.ToArray() }, new() { Value = seals.ToArray() }, new() { Value = now } },
        })
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (ids.Count, AuditCheckpoint.Signed(key, ids[^1], latestHash, previousSeal, now));
    }
}
