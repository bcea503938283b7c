using System.Net.Http.Headers;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>
/// The real API on Kestrel (so request limits and HTTP behave as in production), connected as the application's
/// database role under row-level security; only configuration is swapped.
/// </summary>
public sealed class HotspotIntelApplication : WebApplicationFactory<Program>
{
    public static readonly AuthOptions Auth = new() { SigningKey = Convert.ToBase64String(new byte[48]) };

    /// <summary>The key the audit log is sealed with; the database never sees it.</summary>
    public static readonly string AuditSealingKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="connectionString">The application role's connection.</param>
    /// <param name="settings">Configuration this instance overrides, for tests of configured behaviour.</param>
    public HotspotIntelApplication(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        _connectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(0);
    }

    /// <summary>Where this instance writes audit checkpoints: a folder of its own, as a database of its own gets checkpoints of its own.</summary>
    public string AuditCheckpointDirectory { get; } = Directory.CreateTempSubdirectory("hotspotintel-audit-checkpoints-").FullName;

    /// <summary>A client signed in as a user with <paramref name="role"/> in <paramref name="agencyId"/>.</summary>
    public HttpClient CreateClient(UserRole role, Guid? agencyId, string? userId = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, agencyId, userId));
        return client;
    }

    public static string Token(UserRole role, Guid? agencyId, string? userId = null) =>
        LocalTokens.Issue(Auth, userId ?? $"test-{role}-{agencyId}".ToLowerInvariant(), role, agencyId, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:HotspotIntel", _connectionString);
        builder.UseSetting("Auth:SigningKey", Auth.SigningKey);
        builder.UseSetting("Audit:SealingKey", AuditSealingKey);
        builder.UseSetting("Audit:CheckpointDirectory", AuditCheckpointDirectory);
        // Tests run jobs themselves, deterministically; a background server would race them.
        builder.UseSetting("Hangfire:ServerEnabled", "false");
        // Each instance reads its link network copy when a question first needs it, so tests of the copy's syncing know
        // when it was read; NetworkIndexTests turns the read at start on to test it.
        builder.UseSetting("Network:ReadIndexAtStart", "false");
        builder.ConfigureLogging(logging => logging.AddProvider(new ServerErrorLog()));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(AuditCheckpointDirectory))
        {
            Directory.Delete(AuditCheckpointDirectory, recursive: true);
        }
    }
}
