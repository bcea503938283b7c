using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HotspotIntel.Api.Audit;

/// <summary>
/// Checks the audit log three ways, and says what is wrong: the SHA-256 chain (<c>verify_audit_chain()</c>: an entry
/// edited without recomputing the hashes, or one deleted from the middle); the keyed seals (an entry edited with every
/// later hash recomputed, which only the key holder could seal again); and the signed checkpoints outside the database
/// (the newest entries deleted, seals and all). Shared by <c>GET /api/audit-log/verification</c> and <c>verify-audit</c>.
/// </summary>
public sealed class AuditVerifier(IOptions<AuditSealingOptions> options, AuditCheckpoints checkpoints)
{
    /// <summary>Problems of one kind beyond this many are counted, not listed.</summary>
    private const int ListedPerKind = 5;

    /// <summary>A verifier for the command line, from the same configuration the API reads.</summary>
    public static AuditVerifier From(IConfiguration configuration)
    {
        var sealing = configuration.GetSection(AuditSealingOptions.Section).Get<AuditSealingOptions>() ?? new AuditSealingOptions();
        if (sealing.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var wrapped = Options.Create(sealing);
        return new AuditVerifier(wrapped, new AuditCheckpoints(wrapped));
    }

    public async Task<AuditVerification> VerifyAsync(HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var key = options.Value.Key();
        var problems = new Problems();
        var (checkpointsByEntry, checkpointCount) = await ReadCheckpointsAsync(key, problems, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var (chainBrokenAt, entriesChecked) = await VerifyChainAsync(connection, cancellationToken);
            if (chainBrokenAt is { } broken)
            {
                problems.Add("entries that break the chain", broken,
                    $"Entry {broken} does not match its hash or does not follow the entry before it: it was edited, or the entry before it was deleted.");
            }

            var seals = await VerifySealsAsync(connection, key, checkpointsByEntry, problems, cancellationToken);
            if (seals.Sealed > 0 && seals.Mismatched == seals.Sealed && checkpointCount == 0)
            {
                problems.Add("key mismatches", null,
                    $"No seal and no checkpoint matches: {AuditSealingOptions.Section}:SealingKey is probably not the key this log was sealed with.");
            }

            foreach (var (entryId, missed) in checkpointsByEntry.Where(c => !seals.EntriesSeen.Contains(c.Key)))
            {
                problems.Add("checkpoints naming deleted entries", null,
                    $"The checkpoint of {missed[0].At:O} names entry {entryId}, which the log no longer has: entries were deleted.");
            }

            return new AuditVerification(problems.None, entriesChecked, problems.FirstEntryId, seals.Sealed, seals.NotYetSealed, checkpointCount,
                checkpointsByEntry.Count == 0 ? null : checkpointsByEntry.Keys.Max(), problems.Listed());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<(Dictionary<long, List<AuditCheckpoint>> ByEntry, int Count)> ReadCheckpointsAsync(byte[] key, Problems problems,
        CancellationToken cancellationToken)
    {
        var byEntry = new Dictionary<long, List<AuditCheckpoint>>();
        var count = 0;
        foreach (var (file, line, checkpoint) in await checkpoints.ReadAllAsync(cancellationToken))
        {
            if (checkpoint is null || !checkpoint.IsSignedWith(key))
            {
                problems.Add("altered checkpoint lines", null,
                    $"Line {line} of {file} in {checkpoints.Directory} is not a checkpoint signed with the sealing key: the checkpoint file was altered.");
                continue;
            }

            count++;
            (byEntry.TryGetValue(checkpoint.EntryId, out var atEntry) ? atEntry : byEntry[checkpoint.EntryId] = []).Add(checkpoint);
        }

        return (byEntry, count);
    }

    private static async Task<(long? FirstBrokenId, long EntriesChecked)> VerifyChainAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT first_broken_id, entries_checked FROM verify_audit_chain()", connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Walks entries and seals together in id order. Seals are a prefix of the log: every entry up to the latest seal
    /// has one, each computed from the seal before it; entries after it wait for the next sealing run.
    /// </summary>
    private static async Task<SealWalk> VerifySealsAsync(NpgsqlConnection connection, byte[] key,
        Dictionary<long, List<AuditCheckpoint>> checkpointsByEntry, Problems problems, CancellationToken cancellationToken)
    {
        var walk = new SealWalk();
        byte[] previousSeal = [];
        long? firstUnsealed = null;
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(a.id, s.audit_id), a.hash, s.seal
            FROM audit_log a FULL JOIN audit_seals s ON s.audit_id = a.id
            ORDER BY 1
            """, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            var hash = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
            var seal = reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2);
            if (hash is not null)
            {
                walk.EntriesSeen.Add(id);
            }

            if (seal is null)
            {
                firstUnsealed ??= id;
                walk.NotYetSealed++;
                continue;
            }

            if (firstUnsealed is { } unsealed)
            {
                problems.Add("entries whose seal was deleted", unsealed, $"Entry {unsealed} has no seal, though later entries have: its seal was deleted.");
                firstUnsealed = null;
                walk.NotYetSealed = 0;
            }

            if (hash is null)
            {
                problems.Add("sealed entries no longer in the log", id, $"Entry {id} was sealed but is no longer in the log: it was deleted.");
            }
            else if (!AuditSeal.Matches(seal, AuditSeal.Of(key, previousSeal, id, hash)))
            {
                walk.Mismatched++;
                problems.Add("entries that do not match their seals", id, $"Entry {id} does not match its seal: it, or its hash, was changed after it was sealed.");
            }

            if (checkpointsByEntry.TryGetValue(id, out var named) && hash is not null)
            {
                var (hashHex, sealHex) = (Convert.ToHexStringLower(hash), Convert.ToHexStringLower(seal));
                foreach (var checkpoint in named.Where(c => c.Hash != hashHex || c.Seal != sealHex))
                {
                    problems.Add("entries unlike their checkpoints", id, $"Entry {id} is not as the checkpoint of {checkpoint.At:O} recorded it: it was rewritten.");
                }
            }

            previousSeal = seal;
            walk.Sealed++;
        }

        return walk;
    }

    private sealed class SealWalk
    {
        public HashSet<long> EntriesSeen { get; } = [];

        public long Sealed { get; set; }

        public long NotYetSealed { get; set; }

        public long Mismatched { get; set; }
    }

    /// <summary>What is wrong, a few of each kind with a count of the rest, and the lowest entry found broken.</summary>
    private sealed class Problems
    {
        private readonly List<string> _listed = [];
        private readonly Dictionary<string, int> _countByKind = [];

        public bool None => _countByKind.Count == 0;

        public long? FirstEntryId { get; private set; }

        /// <summary>Adds <paramref name="text"/>, about <paramref name="entryId"/> if it names one; <paramref name="kind"/> is what the problem is an instance of, in the plural ("entries that do not match their seals").</summary>
        public void Add(string kind, long? entryId, string text)
        {
            var count = _countByKind[kind] = _countByKind.GetValueOrDefault(kind) + 1;
            if (count <= ListedPerKind)
            {
                _listed.Add(text);
            }

            if (entryId is { } id && (FirstEntryId is null || id < FirstEntryId))
            {
                FirstEntryId = id;
            }
        }

        public List<string> Listed() =>
            [.. _listed, .. _countByKind.Where(kind => kind.Value > ListedPerKind).Select(kind => $"And {kind.Value - ListedPerKind} more {kind.Key}.")];
    }
}
