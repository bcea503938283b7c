using Npgsql;

namespace HotspotIntel.Api.Data;

/// <summary>
/// Which server a request's reads go to: the primary, unless the endpoint reads from the replica
/// (<see cref="ReplicaReads.ReadsFromReplica{TBuilder}"/>), one is configured and it has replayed the caller's own writes.
/// The request's <see cref="HotspotIntelDbContext"/> and hand-written SQL both take their connections from here.
/// </summary>
public sealed class DatabaseRoute(NpgsqlDataSource primary)
{
    public NpgsqlDataSource DataSource { get; private set; } = primary;

    public bool OnReplica { get; private set; }

    public void ToReplica(ReadReplica replica)
    {
        DataSource = replica.DataSource;
        OnReplica = true;
    }
}
