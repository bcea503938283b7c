using System.Collections.Concurrent;
using HotspotIntel.Api.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HotspotIntel.Api.Infrastructure.Auth;

/// <summary>
/// Whether the agency a token names exists, asked of the database once per agency every
/// <see cref="AuthOptions.KnownAgencySeconds"/> (30 s by default) rather than on every request: an agency removed in
/// that window is caught by the agency foreign key on a write, which <see cref="BadRequestExceptionHandler"/> answers
/// with the same 401 after asking again here with <see cref="ForgetAsync"/>.
/// </summary>
internal sealed class KnownAgencies(NpgsqlDataSource dataSource, TimeProvider time, IOptions<AuthOptions> options)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _knownUntil = new();

    /// <summary>Whether <paramref name="agencyId"/> exists, read as <paramref name="session"/> (agencies are readable by every role).</summary>
    public async Task<bool> ExistsAsync(Guid agencyId, AccessSession session, CancellationToken cancellationToken)
    {
        if (_knownUntil.TryGetValue(agencyId, out var until) && until > time.GetUtcNow())
        {
            return true;
        }

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(session.BatchCommand());
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT EXISTS (SELECT 1 FROM agencies WHERE id = $1)") { Parameters = { new() { Value = agencyId } } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var exists = reader.GetBoolean(0);
        if (exists)
        {
            _knownUntil[agencyId] = time.GetUtcNow().AddSeconds(options.Value.KnownAgencySeconds);
        }
        else
        {
            _knownUntil.TryRemove(agencyId, out _);
        }

        return exists;
    }

    /// <summary>Forgets what was known of <paramref name="agencyId"/> and asks the database again.</summary>
    public Task<bool> ForgetAsync(Guid agencyId, AccessSession session, CancellationToken cancellationToken)
    {
        _knownUntil.TryRemove(agencyId, out _);
        return ExistsAsync(agencyId, session, cancellationToken);
    }
}
