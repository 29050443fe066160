using System.Globalization;

namespace Alerts.LoadGen;

/// <summary>A server process' CPU time and resident memory, read from <c>/proc</c> as <c>top</c> would.</summary>
internal sealed class ProcessSampler(int pid)
{
    /// <summary>USER_HZ: the unit of utime and stime in /proc/pid/stat on every Linux this runs on.</summary>
    private const double TicksPerSecond = 100;

    public int Pid => pid;

    public ProcessSample Sample()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which may itself hold spaces and parentheses.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var cpuSeconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        var rssKb = File.ReadLines($"/proc/{pid}/status")
            .Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return new ProcessSample(DateTime.UtcNow, cpuSeconds, rssKb * 1024);
    }
}
