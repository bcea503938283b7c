using HotspotIntel.Api.Infrastructure;
using Npgsql;

namespace HotspotIntel.Api.Tests.Infrastructure;

/// <summary>Which database errors mean "unavailable for now" (503 with Retry-After) and which are the request's own.</summary>
public sealed class DatabaseUnavailableClassificationTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown, true)]
    [InlineData(PostgresErrorCodes.CrashShutdown, true)]
    [InlineData(PostgresErrorCodes.CannotConnectNow, true)]
    [InlineData(PostgresErrorCodes.TooManyConnections, true)]
    [InlineData(PostgresErrorCodes.ConnectionFailure, true)]
    [InlineData(PostgresErrorCodes.UniqueViolation, false)]
    [InlineData(PostgresErrorCodes.ForeignKeyViolation, false)]
    [InlineData(PostgresErrorCodes.InsufficientPrivilege, false)]
    public void A_server_error_is_unavailability_only_when_the_server_turns_everyone_away(string sqlState, bool unavailable)
    {
        var error = new PostgresException("synthetic", "FATAL", "FATAL", sqlState);

        Assert.Equal(unavailable, DatabaseUnavailableExceptionHandler.IsDatabaseUnavailable(error));
        // As EF Core and Hangfire wrap it.
        Assert.Equal(unavailable, DatabaseUnavailableExceptionHandler.IsDatabaseUnavailable(new InvalidOperationException("wrapped", error)));
    }

    [Fact]
    public void A_refused_or_timed_out_connection_is_unavailability()
    {
        Assert.True(DatabaseUnavailableExceptionHandler.IsDatabaseUnavailable(
            new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))));
        Assert.True(DatabaseUnavailableExceptionHandler.IsDatabaseUnavailable(new NpgsqlException("Timeout", new TimeoutException())));
        Assert.False(DatabaseUnavailableExceptionHandler.IsDatabaseUnavailable(new InvalidOperationException("a bug")));
    }
}
