using System.Diagnostics;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// A pack's progress as its job goes: each step done moves the percent on the pack's row and logs how long the step
/// took (the previous step's progress write included, so the steps add up to the job's time), so the job's log shows
/// which read a slow pack spent its time in.
/// </summary>
internal sealed class PackProgress(Func<int, Task> report, ILogger logger, Guid packId)
{
    private readonly Stopwatch step = Stopwatch.StartNew();
    private readonly Stopwatch whole = Stopwatch.StartNew();

    /// <summary>Logs <paramref name="name"/> as done, in the time since the last step, and reports <paramref name="percent"/>.</summary>
    public Task DoneAsync(string name, int percent)
    {
        Done(name);
        return report(percent);
    }

    /// <summary>Logs <paramref name="name"/> as done, in the time since the last step, and the pack's time so far.</summary>
    public void Done(string name)
    {
        logger.LogInformation("Meeting pack {PackId}: {Step} in {Seconds:F2} s ({Total:F1} s so far)", packId, name, step.Elapsed.TotalSeconds,
            whole.Elapsed.TotalSeconds);
        step.Restart();
    }
}
