using Npgsql;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// A database login the migrations create besides the application's, and how an instance connects as it:
/// <c>ConnectionStrings:{ConnectionName}</c>, or else the application's connection with this login and the password at
/// <see cref="PasswordKey"/> (which <c>migrate</c> also gives the login).
/// </summary>
internal sealed record DatabaseLogin(string Login, string ConnectionName, string PasswordKey)
{
    public string ConnectionString(IConfiguration configuration)
    {
        if (configuration.GetConnectionString(ConnectionName) is { Length: > 0 } configured)
        {
            return configured;
        }

        var application = configuration.GetConnectionString(DatabaseSetup.ConnectionName)
            ?? throw new InvalidOperationException($"Neither ConnectionStrings:{ConnectionName} nor ConnectionStrings:{DatabaseSetup.ConnectionName} is configured.");
        // The application's password is never another login's: a separate login is the point.
        return new NpgsqlConnectionStringBuilder(application) { Username = Login, Password = configuration[PasswordKey] }.ConnectionString;
    }
}
