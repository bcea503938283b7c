using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>The real API on Kestrel (so request limits and HTTP behave as in production); only the connection string is swapped.</summary>
public sealed class HotspotIntelApplication : WebApplicationFactory<Program>
{
    private readonly string _connectionString;

    public HotspotIntelApplication(string connectionString)
    {
        _connectionString = connectionString;
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:HotspotIntel", _connectionString);
    }
}
