using System.Diagnostics;
using System.Globalization;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// Where a run's time went, phase by phase, for its log line: each <see cref="Mark"/> closes the phase that ran since
/// the previous one (or since the run started) under the name given.
/// </summary>
internal sealed class RunPhases
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly List<(string Name, TimeSpan Time)> _phases = [];
    private TimeSpan _last;

    public void Mark(string name)
    {
        var now = _watch.Elapsed;
        _phases.Add((name, now - _last));
        _last = now;
    }

    public override string ToString() =>
        string.Join(", ", _phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Time.TotalSeconds:F3}")));
}
