namespace HotspotIntel.Api.Network;

/// <summary>
/// Reads this instance's copy of the link network (<see cref="NetworkIndex"/>) as the instance starts
/// (<c>Network:ReadIndexAtStart</c>, default true, on instances that serve the API), so that the first analyst's
/// question after a start does not wait for it: the whole network is read then, tens of millions of link ends at a
/// regional city. A question that arrives meanwhile waits for the same read, as it would have made it. A failed read is
/// logged and left to the first question, which reads the network as before.
/// </summary>
public sealed class NetworkIndexWarmUp(NetworkIndex index, ILogger<NetworkIndexWarmUp> logger) : BackgroundService
{
    public const string Setting = "Network:ReadIndexAtStart";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host starts serving while the copy is read.
        await Task.Yield();
        try
        {
            await index.EnsureCurrentAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "The link network index was not read at start; the first network question will read it.");
        }
    }
}
