using System.Diagnostics;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>
/// Waits for what happens in the background (a job, a replica, a server coming back): probes again and again until
/// what it returns holds, or fails the test saying what it waited for, how long, and the last value it saw.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Probes every <paramref name="interval"/> (200 ms unless given) until <paramref name="holds"/> is true of the
    /// probed value, and returns that value; fails the test once <paramref name="timeout"/> has passed without it.
    /// The probe runs at least once, and once more after the timeout is reached, so a slow probe is not cut short.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, TimeSpan timeout, string waitingFor, TimeSpan? interval = null)
    {
        // A monotonic clock: a wall-clock step (NTP) neither ends the wait early nor stretches it.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var timedOut = waited.Elapsed >= timeout;
            var value = await probe();
            if (holds(value))
            {
                return value;
            }

            if (timedOut)
            {
                Assert.Fail($"Waited {timeout.TotalSeconds:0.#} s for {waitingFor}; the last value seen:\n{(value is null ? "null" : value.ToString())}");
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }
}
