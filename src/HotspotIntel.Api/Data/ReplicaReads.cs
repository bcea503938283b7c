using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Data;

/// <summary>Endpoints whose reads may be answered by the replica, and the write fences that keep each user's reads at or after their writes.</summary>
public static class ReplicaReads
{
    /// <summary>This endpoint only reads, and may read from the replica when one is configured.</summary>
    public static TBuilder ReadsFromReplica<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Marker.Instance);

    public static bool AllowsReplica(this Endpoint endpoint) => endpoint.Metadata.GetMetadata<Marker>() is not null;

    /// <summary>Where the session's user last wrote on the primary, or null when they never have.</summary>
    public static async Task<NpgsqlLogSequenceNumber?> WriteFenceAsync(NpgsqlDataSource primary, AccessSession session, CancellationToken cancellationToken)
    {
        await using var connection = await primary.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { session.BatchCommand(), new NpgsqlBatchCommand("SELECT write_fence()") } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !await reader.IsDBNullAsync(0, cancellationToken)
            ? await reader.GetFieldValueAsync<NpgsqlLogSequenceNumber>(0, cancellationToken)
            : null;
    }

    /// <summary>Notes that the session's user has written everything up to the primary's current position.</summary>
    public static async Task NoteWriteFenceAsync(NpgsqlDataSource primary, AccessSession session, CancellationToken cancellationToken)
    {
        await using var connection = await primary.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { session.BatchCommand(), new NpgsqlBatchCommand("SELECT note_write_fence()") } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class Marker
    {
        public static readonly Marker Instance = new();
    }
}
