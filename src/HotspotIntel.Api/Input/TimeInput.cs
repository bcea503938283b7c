using HotspotIntel.Api.Errors;

namespace HotspotIntel.Api.Input;

/// <summary>Checks on times sent by clients.</summary>
public static class TimeInput
{
    // Clients' clocks drift; a report "from the future" by less than this is clock skew, not an error.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static void NotInFuture(DateTimeOffset value, DateTimeOffset now, string field, ValidationErrors errors)
    {
        if (value > now + ClockSkew)
        {
            errors.Add(field, $"Is in the future ({value:O}); the server's time is {now:O}.");
        }
    }
}
