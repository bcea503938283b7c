namespace HotspotIntel.Api.Infrastructure;

internal static class ProblemDetailsSetup
{
    /// <summary>One RFC 9457 Problem Details shape for every error: thrown, returned or from an empty status code.</summary>
    public static void AddHotspotIntelProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Minimal APIs answer a bad body or parameter with a bare 400 unless they throw; throwing lets the handler say why.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
    }
}
