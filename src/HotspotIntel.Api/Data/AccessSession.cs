using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace HotspotIntel.Api.Data;

/// <summary>
/// The identity the database's row-level security sees: the session settings <c>hotspotintel.user_id</c>,
/// <c>agency_id</c> and <c>role</c>, set on every connection a request opens (Npgsql resets them when the connection
/// returns to the pool). An unset identity sees and may write nothing.
/// </summary>
public sealed record AccessSession(string UserId, Guid? AgencyId, string Role)
{
    /// <summary>
    /// Background jobs (hotspot runs, review listing, audit sealing): no user behind them. Only on the jobs' own login
    /// (<see cref="SystemDatabase"/>) does the database treat it as the system, which reads everything, never masked.
    /// </summary>
    public static readonly AccessSession System = new("system", null, "system");

    public async Task ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Apply(NpgsqlConnection connection)
    {
        using var command = Command(connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The settings as the first command of a batch: a single query after them then takes a single round trip.</summary>
    public NpgsqlBatchCommand BatchCommand()
    {
        var command = new NpgsqlBatchCommand(SettingsSql);
        AddSettings(command.Parameters);
        return command;
    }

    private const string SettingsSql = "SELECT set_config('hotspotintel.user_id', $1, false), set_config('hotspotintel.agency_id', $2, false), "
        + "set_config('hotspotintel.role', $3, false)";

    private NpgsqlCommand Command(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(SettingsSql, connection);
        AddSettings(command.Parameters);
        return command;
    }

    private void AddSettings(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new() { Value = UserId });
        parameters.Add(new() { Value = AgencyId?.ToString() ?? "" });
        parameters.Add(new() { Value = Role });
    }
}

/// <summary>Applies the request's <see cref="AccessSession"/> to each connection EF Core opens.</summary>
public sealed class AccessSessionInterceptor(Func<AccessSession> session) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        session().Apply((NpgsqlConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        session().ApplyAsync((NpgsqlConnection)connection, cancellationToken);
}
