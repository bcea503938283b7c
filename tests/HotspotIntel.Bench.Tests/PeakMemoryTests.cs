using HotspotIntel.Bench.Benchmarks;

namespace HotspotIntel.Bench.Tests;

public sealed class PeakMemoryTests
{
    [Fact]
    public void The_peak_resident_size_is_read_from_the_VmHWM_line_in_bytes()
    {
        const string status = "Name:\tdotnet\nVmPeak:\t 9000000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t  400000 kB\n";

        Assert.Equal(512L * 1024 * 1024, PeakMemory.ParseVmHwm(status));
    }

    [Fact]
    public void A_status_without_VmHWM_gives_no_peak()
    {
        Assert.Null(PeakMemory.ParseVmHwm("Name:\tkthreadd\nState:\tS (sleeping)\n"));
    }
}
