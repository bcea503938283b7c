using System.Diagnostics;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// A pack's progress as its job goes: each step done moves the percent on the pack's row and logs how long the step
/// took, so the job's log shows which read a slow pack spent its time in.
/// </summary>
internal sealed class PackProgress(Func<int, Task> report, ILogger logger, Guid packId)
{
    private readonly Stopwatch step = Stopwatch.StartNew();

    /// <summary>Logs <paramref name="name"/> as done, in the time since the last step, and reports <paramref name="percent"/>.</summary>
    public async Task DoneAsync(string name, int percent)
    {
        logger.LogInformation("Meeting pack {PackId}: {Step} in {Seconds:F2} s", packId, name, step.Elapsed.TotalSeconds);
        await report(percent);
        step.Restart();
    }
}
