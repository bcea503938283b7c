using System.Globalization;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// A process's peak resident set size, from VmHWM ("high water mark") in /proc/&lt;pid&gt;/status on Linux: the kernel
/// keeps the peak itself, so a sample taken at any time after the work is the peak of the work.
/// </summary>
internal static class PeakMemory
{
    /// <summary>VmHWM of process <paramref name="pid"/> in bytes, or null when the process is gone or /proc is not there.</summary>
    public static long? PeakResidentBytes(int pid)
    {
        try
        {
            return ParseVmHwm(File.ReadAllText($"/proc/{pid}/status"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The VmHWM line of a /proc status file ("VmHWM:\t  524288 kB") in bytes, or null without one.</summary>
    public static long? ParseVmHwm(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var fields = line["VmHWM:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return fields is [var kilobytes, "kB"] ? long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024 : null;
            }
        }

        return null;
    }
}
