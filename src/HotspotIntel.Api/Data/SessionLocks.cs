using Npgsql;

namespace HotspotIntel.Api.Data;

/// <summary>
/// Session-level advisory locks: how a background job shows that it is at work, so that no other server does the same
/// work at once. PostgreSQL lets go of them when their connection ends, however the server holding them stopped, so a
/// killed server never leaves one behind (Hangfire's distributed locks, rows in its schema, outlive a killed server by
/// their 10-minute timeout, and a job waiting on one ties up a worker meanwhile).
/// </summary>
internal static class SessionLocks
{
    /// <summary>Takes the session-level advisory lock <paramref name="key"/> on <paramref name="connection"/> if nobody holds it.</summary>
    public static async Task<bool> TryTakeAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Lets go of every session-level lock <paramref name="connection"/> holds: returned to the pool, it would keep them
    /// until its next use. A connection that broke holds none: the server let go of them when it ended.
    /// </summary>
    public static async Task ReleaseAllAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The connection broke after all; its locks went with it.
        }
    }
}
